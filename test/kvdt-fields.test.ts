import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MappedService } from '../src/kvdt/mapping';
import { checkKvdtFile } from '../src/kvdt/check-file';
import { ROOT, checker } from './helpers';
import { HEAD, TAIL, kvdt, mappedRecords } from './kvdt-helpers';

const ADT = readFileSync(`${ROOT}/test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con`);
const HDRG = readFileSync(`${ROOT}/test/fixtures/kvdt/Z30123456699_27.10.2025_12.00.con`);

/** The services of a file as the file check maps them: with the practice and the headers. */
const services = (bytes: Uint8Array): MappedService[] => mappedRecords(bytes).flat();

describe('the KVDT fields the KBV rules read', () => {
  it('hdrg1: insurance period, card read, file creation date (hdrg0 9117), referral, no 4239', () => {
    const [first] = services(HDRG);
    expect(first!.entry.case).toEqual({ recordType: 'hdrg1', cardRead: '2025-10-06', insuranceStart: '2025-04-01', insuranceEnd: '2027-04-01', fileCreated: '2025-10-20' });
    expect(first!.entry.hybridDrg).toEqual({ code: 'G09N', start: '2025-10-06', end: '2025-01-07', opDate: '2025-11-07' });
  });

  it('0101–0104: quarter (4101) and billing quarter (adt0 9204), subgroup (4239), the position of each service in its case', () => {
    const all = services(ADT);
    const first = all[0]!.entry.case!;
    expect(first).toMatchObject({ recordType: '0102', quarter: '12026', billingQuarter: '12026', subgroup: '21', fileCreated: '2026-01-30', referral: { '4218': '397604800' }, practiceTeamNumbers: ['001234566'], practicePseudoLanrs: [] });
    expect(first['serviceIndex']).toBeUndefined();
    // Every later service of a case says where it stands; the first of the next case again carries none.
    const positions = all.map((s) => (s.entry.case!['serviceIndex'] as number | undefined) ?? 0);
    expect(positions.every((p, i) => p === 0 || p === positions[i - 1]! + 1)).toBe(true);
    expect(Math.max(...positions)).toBeGreaterThan(0);
    expect(all.filter((s) => s.entry.case!['serviceIndex'] === undefined).length).toBe(26);
  });

  it('maps 4125 as a period, 3111 as the admission weight, 5102 and the pair fields 5074/5075', () => {
    const file = kvdt(
      ['8000', 'con0'],
      ['9103', '20260115'],
      ['8000', 'hdrg0'],
      ['9117', '20260114'],
      ['8000', 'hdrg1'],
      ['3103', '20250601'],
      ['3111', '3200'],
      ['4125', '2026010120260131'],
      ['5027', 'G24M'],
      ['5028', '20260112'],
      ['5029', '20260112'],
      ['8000', 'hdrg9'],
      ['8000', 'con9'],
    );
    const [hdrg] = services(file);
    expect(hdrg!.entry.case).toEqual({ recordType: 'hdrg1', validity: { from: '2026-01-01', until: '2026-01-31' }, fileCreated: '2026-01-14' });
    expect(hdrg!.entry.hybridDrg).toMatchObject({ admissionWeight: '3200' });
    const adt = kvdt(...HEAD, ['8000', '0101'], ['3000', 'P'], ['5000', '20260414'], ['5001', '88500'], ['5012', '52458'], ['5011', '5489'], ['5074', 'Hersteller'], ['5075', 'A-1'], ['5102', '261102323'], ['5101', '555555011'], ...TAIL);
    const [svc] = services(adt);
    expect(svc!.entry).toMatchObject({ hospitalIk: '261102323', pseudoLanr: '555555011', costs: [{ cents: '52458', description: '5489', manufacturer: 'Hersteller', articleNumber: 'A-1' }] });
  });

  it('checks the besa record: a doctor (836), a place (857), team numbers (059, info) and pseudo-LANRs (063)', async () => {
    const file = kvdt(['8000', 'con0'], ['9103', '20260415'], ['8000', 'besa'], ['0203', 'Praxis'], ['0222', '001234567'], ['0223', '555555AB1'], ['8000', 'adt0'], ['9204', '22026'], ['8000', 'adt9'], ['8000', 'con9']);
    const report = await checkKvdtFile([file], checker());
    // 0223 names a doctor (836 holds); no 0201 or 0213 (857).
    expect(report.problems.map((p) => [p.line, p.code, p.severity, p.kbvRule, p.fk])).toEqual([
      [3, 'R857', 'error', '857', '8000'],
      [5, 'R059', 'info', '059', '0222'],
      [6, 'R063', 'error', '063', '0223'],
    ]);
    const none = kvdt(['8000', 'con0'], ['9103', '20260415'], ['8000', 'besa'], ['0203', 'Praxis'], ['8000', 'con9']);
    expect((await checkKvdtFile([none], checker())).problems.map((p) => p.code)).toEqual(['R836', 'R857']);
  });
});
