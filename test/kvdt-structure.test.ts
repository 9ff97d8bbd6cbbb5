/**
 * The file as a whole, per the KVDT Datensatzbeschreibung (chapter 2.1: con0 first and once,
 * besa/rvsa, data packages each between their header and trailer, con9 last and once), read
 * the way the CLI reads it. Every problem is located by line and fails the check (exit 1);
 * a file that cannot be checked at all (empty, not KVDT) is unusable input (exit 2).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { HEAD, kvdt, mappedRecords, plainCase, TAIL, tempDir } from './kvdt-helpers';

async function check(bytes: Buffer, ...extra: string[]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'f.con'), bytes);
  let out = '';
  let err = '';
  const code = await runCli(['check', 'f.con', ...extra], { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err, problems: out.split('\n').filter((l) => /^f\.con:\d+: \w+ \[KVDT-/.test(l)) };
}

const ONE_CASE = [...HEAD, ...plainCase('A')];
/** A Hybrid-DRG file of one case (record hdrg1 from line 6) whose last fields are `fields`. */
const hdrgFile = (...fields: (readonly [string, string])[]) =>
  kvdt(
    ['8000', 'con0'], ['9103', '20251020'], ['9106', '4'], ['8000', 'hdrg0'], ['9117', '20251020'],
    ['8000', 'hdrg1'], ['3000', 'H'], ['3103', '19600404'], ['4101', '42025'], ['5027', 'G09N'], ['5028', '20251006'], ['6009', 'I80.1'],
    ...fields,
    ['8000', 'hdrg9'], ['8000', 'con9'],
  );

describe('container and package structure', () => {
  it('a besa with thousands of FK 0222 lines: the summary lists each number once and at most 1,000 of them, and counts the rest', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ['0222', String(i % 1500).padStart(9, '0')] as const);
    const r = await check(kvdt(...HEAD.slice(0, 5), ...many, ...HEAD.slice(5), ...plainCase('A'), ...TAIL), '--format', 'jsonl');
    const summary = JSON.parse(r.out.trimEnd().split('\n').at(-1)!);
    expect(summary.type).toBe('summary');
    expect(summary.practice.teamNumbers).toHaveLength(1000);
    expect(new Set(summary.practice.teamNumbers).size).toBe(1000);
    expect(summary.practice.notListed).toBe(500);
  });


  it('a file cut at a record boundary (no adt9, no con9) fails, naming both', async () => {
    const r = await check(kvdt(...ONE_CASE));
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      `f.con:15: FEHLER [KVDT-missing-trailer] Das ADT-Datenpaket (adt0 in Zeile 7) endet ohne adt9.`,
      `f.con:15: FEHLER [KVDT-missing-con9] Die Datei endet ohne con9 (Container-Abschluss); sie ist unvollständig.`,
    ]);
  });

  it('a missing con0, a second con0 and records after con9', async () => {
    const noCon0 = await check(kvdt(...HEAD.slice(3), ...plainCase('A'), ...TAIL));
    expect(noCon0.code).toBe(1);
    expect(noCon0.problems).toEqual([`f.con:1: FEHLER [KVDT-missing-con0] Die Datei beginnt nicht mit con0 (Container-Header), sondern mit besa.`]);
    const twice = await check(kvdt(...HEAD, ...plainCase('A'), ['8000', 'adt9'], ['8000', 'con0'], ...TAIL.slice(1)));
    expect(twice.problems).toEqual([`f.con:17: FEHLER [KVDT-second-con0] Zweiter con0 (Container-Header); der erste steht in Zeile 1.`]);
    const after = await check(kvdt(...HEAD, ...plainCase('A'), ...TAIL, ...plainCase('B')));
    expect(after.code).toBe(1);
    expect(after.problems).toEqual([`f.con:18: FEHLER [KVDT-after-con9] Satz 0101 nach con9 (Container-Abschluss, Zeile 17).`]);
    // The case after con9 is still checked: its services count.
    expect(after.out).toContain('2 Fälle, 2 Leistungen');
  });

  it('a referral field twice in a 0102, 0103, 0104 or hdrg1 record that allows it once: one error each, at the second line; the first value is the one checked', async () => {
    const referral = (bsnr: string, lanr: string) => [['4218', bsnr], ['4242', lanr]] as const;
    const adt = kvdt(
      ...HEAD,
      ['8000', '0102'], ...plainCase('A').slice(1), ...referral('397604800', '123456640'), ...referral('111111100', '222222200'), ['4242', '333333300'],
      ['8000', '0103'], ...plainCase('B').slice(1), ...referral('397604800', '123456640'), ['4218', '111111100'],
      // Once each in a 0102: no problem; in a 0101, which defines neither field, each is reported once as not defined (not as repeated).
      ['8000', '0102'], ...plainCase('C').slice(1), ...referral('397604800', '123456640'),
      ['8000', '0101'], ...plainCase('D').slice(1), ...referral('1', '2'), ...referral('3', '4'),
      // The referrer's team number twice (review5: the second, with a wrong check digit, went unchecked and unreported), and 4241 under 4217 and 4225 (rule 431's, not the schema's).
      ['8000', '0102'], ...plainCase('E').slice(1), ['4226', '001234577'], ['4249', '555555401'], ['4226', '001234578'], ['4217', '397604800'], ['4241', '123456640'], ['4225', '001234577'], ['4241', '123456640'],
      ['8000', '0104'], ...plainCase('F').slice(1), ['4243', 'Dr. A'], ['4243', 'Dr. B'],
      ...TAIL,
    );
    const r = await check(adt);
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      'f.con:18: FEHLER [KVDT-repeated-field] FK 4218 steht mehr als einmal im Satz 0102 (zuerst in Zeile 16); erlaubt ist es einmal. Geprüft wurde mit dem ersten Wert.',
      'f.con:19: FEHLER [KVDT-repeated-field] FK 4242 steht mehr als einmal im Satz 0102 (zuerst in Zeile 17); erlaubt ist es einmal. Geprüft wurde mit dem ersten Wert.',
      'f.con:30: FEHLER [KVDT-repeated-field] FK 4218 steht mehr als einmal im Satz 0103 (zuerst in Zeile 28); erlaubt ist es einmal. Geprüft wurde mit dem ersten Wert.',
      'f.con:47: FEHLER [KVDT-field-not-in-record] FK 4218 ist im Satz 0101 nicht vorgesehen (KVDT-Datensatzbeschreibung).',
      'f.con:48: FEHLER [KVDT-field-not-in-record] FK 4242 ist im Satz 0101 nicht vorgesehen (KVDT-Datensatzbeschreibung).',
      'f.con:60: FEHLER [KVDT-repeated-field] FK 4226 steht mehr als einmal im Satz 0102 (zuerst in Zeile 58); erlaubt ist es einmal. Geprüft wurde mit dem ersten Wert.',
      'f.con:73: FEHLER [KVDT-repeated-field] FK 4243 steht mehr als einmal im Satz 0104 (zuerst in Zeile 72); erlaubt ist es einmal. Geprüft wurde mit dem ersten Wert.',
    ]);
    // The first of each is the case's referral, on the ADT path as in a Hybrid-DRG record.
    const firsts = mappedRecords(adt).map((services) => (services[0]!.entry.case as { referral?: Record<string, string> }).referral);
    expect(firsts.slice(0, 2)).toEqual([
      { 4218: '397604800', 4242: '123456640' },
      { 4218: '397604800', 4242: '123456640' },
    ]);
    const hdrg = hdrgFile(...referral('397604800', '123456640'), ['4242', '999999900']);
    const h = await check(hdrg);
    expect(h.problems).toEqual(['f.con:15: FEHLER [KVDT-repeated-field] FK 4242 steht mehr als einmal im Satz hdrg1 (zuerst in Zeile 14); erlaubt ist es einmal. Geprüft wurde mit dem ersten Wert.']);
    expect((mappedRecords(hdrg)[0]![0]!.entry.case as { referral?: Record<string, string> }).referral).toEqual({ 4218: '397604800', 4242: '123456640' });
  });

  it('a referral field in a record that does not define it, or a sub-field with none of its fields before it: one error each, at its first line', async () => {
    const file = kvdt(
      ...HEAD,
      // 0103 defines 4218 with 4242 under it, not 4219: a 4242 before any 4218, and 4219.
      ['8000', '0103'], ...plainCase('A').slice(1), ['4242', '123456640'], ['4219', 'Dr. X'], ['4218', '397604800'], ['4242', '123456640'],
      // 0102: 4249 before its 4226, 4248 with no 4225 at all; 4241 under 4217 and 4242 under 4218 are in place.
      ['8000', '0102'], ...plainCase('B').slice(1), ['4217', '397604800'], ['4241', '123456640'], ['4249', '555555401'], ['4226', '001234577'], ['4248', '555555401'], ['4218', '397604800'], ['4242', '123456640'],
      // 0104 defines 4243 only.
      ['8000', '0104'], ...plainCase('C').slice(1), ['4243', 'Dr. A'], ['4218', '397604800'],
      // In place: no problem.
      ['8000', '0102'], ...plainCase('D').slice(1), ['4225', '001234577'], ['4241', '123456640'], ['4248', '555555401'],
      ...TAIL,
    );
    const r = await check(file);
    expect(r.code).toBe(1);
    expect(r.problems).toEqual([
      'f.con:16: FEHLER [KVDT-field-without-parent] FK 4242 steht im Satz 0103 ohne ein Feld davor, unter dem es stehen kann (FK 4218).',
      'f.con:17: FEHLER [KVDT-field-not-in-record] FK 4219 ist im Satz 0103 nicht vorgesehen (KVDT-Datensatzbeschreibung).',
      'f.con:29: FEHLER [KVDT-field-without-parent] FK 4249 steht im Satz 0102 ohne ein Feld davor, unter dem es stehen kann (FK 4226).',
      'f.con:31: FEHLER [KVDT-field-without-parent] FK 4248 steht im Satz 0102 ohne ein Feld davor, unter dem es stehen kann (FK 4225).',
      'f.con:42: FEHLER [KVDT-field-not-in-record] FK 4218 ist im Satz 0104 nicht vorgesehen (KVDT-Datensatzbeschreibung).',
    ]);
    const hdrg = hdrgFile(['4242', '123456640'], ['4217', '397604800']);
    expect((await check(hdrg)).problems).toEqual([
      'f.con:13: FEHLER [KVDT-field-without-parent] FK 4242 steht im Satz hdrg1 ohne ein Feld davor, unter dem es stehen kann (FK 4218).',
      'f.con:14: FEHLER [KVDT-field-not-in-record] FK 4217 ist im Satz hdrg1 nicht vorgesehen (KVDT-Datensatzbeschreibung).',
    ]);
  });

  it('a package record before its header, a trailer without header', async () => {
    const r = await check(kvdt(...HEAD.slice(0, 6), ...plainCase('A'), ['8000', 'adt0'], ...plainCase('B'), ...TAIL));
    expect(r.problems).toEqual([`f.con:7: FEHLER [KVDT-missing-header] Satz 0101 außerhalb eines ADT-Datenpakets: adt0 fehlt davor.`]);
    const hdrg = await check(kvdt(['8000', 'con0'], ['9106', '4'], ['8000', 'hdrg1'], ['5027', 'G24M'], ['8000', 'hdrg9'], ['8000', 'con9']));
    expect(hdrg.problems).toEqual([
      `f.con:3: FEHLER [KVDT-missing-header] Satz hdrg1 außerhalb eines Hybrid-DRG-Datenpakets: hdrg0 fehlt davor.`,
      `f.con:5: FEHLER [KVDT-missing-header] hdrg9 ohne hdrg0 (Datenpaket-Header).`,
    ]);
  });

  it('the KBV test files are structurally sound', async () => {
    const { readFileSync } = await import('node:fs');
    const { ROOT } = await import('./helpers');
    for (const f of ['Z01123456699_27.01.2026_12.00.con', 'Z30123456699_27.10.2025_12.00.con']) {
      expect((await check(readFileSync(join(ROOT, 'test/fixtures/kvdt', f)))).problems).toEqual([]);
    }
  });
});

describe('files that cannot be checked', () => {
  it('an empty file: exit 2 with its own reason', async () => {
    const r = await check(Buffer.alloc(0));
    expect(r.code).toBe(2);
    expect(r.err).toContain('f.con: Die Datei ist leer (0 Bytes); nichts geprüft.');
  });

  it('a JSON entry file or text: one error pointing to --entry, exit 2', async () => {
    const json = await check(Buffer.from(JSON.stringify([{ date: '2026-04-14', gop: '88500' }], null, 2)));
    expect(json.code).toBe(2);
    expect(json.err).toBe('f.con:1: keine KVDT-Datei; für Leistungs-JSON --entry verwenden\n');
    expect(json.out).toBe('');
    const text = await check(Buffer.from('Liebe Praxis,\nanbei die Abrechnung.\n'));
    expect([text.code, text.err.split('\n').length]).toEqual([2, 2]);
  });
});

describe('lines', () => {
  it('a 10 MB line is one problem, and the line numbers after it stay right', async () => {
    const long = Buffer.concat([Buffer.from('0006000'), Buffer.alloc(10 * 1024 * 1024, 0x41), Buffer.from('\r\n')]);
    const r = await check(Buffer.concat([kvdt(...ONE_CASE), long, kvdt(['8000', '0101'], ['5000', '2026041'], ['5001', '03000']), kvdt(...TAIL)]));
    expect(r.problems.filter((p) => p.includes('too-long'))).toEqual([`f.con:16: FEHLER [KVDT-too-long] Zeile mit 10485769 Bytes, länger als 64 KiB: keine KVDT-Zeile; der Satz ab Zeile 9 wird ungeprüft übernommen.`]);
    expect(r.problems.filter((p) => !p.includes('too-long'))).toEqual([]);
    // The malformed service day three lines after the long line is reported at its own line number.
    expect(r.out).toContain('f.con:19: FEHLER INPUT-LEISTUNGSTAG');
  });

  it('FK 9106 = 3 decodes ISO 8859-1 from the next line on, in a small file read in one chunk', async () => {
    const dir = tempDir();
    // 0xA4 is ¤ in ISO 8859-1 and € in ISO 8859-15.
    const bytes = Buffer.concat([kvdt(['8000', 'con0'], ['9106', '3'], ['8000', 'adt0'], ['8000', '0101'], ['5000', '20260414'], ['5001', '40120'], ['5011', 'Stent \u00a4'], ['5012', '100']), kvdt(...TAIL)]);
    writeFileSync(join(dir, 'f.con'), bytes);
    let out = '';
    await runCli(['kvdt', 'dump', 'f.con'], { out: (t) => (out += t), err: () => {}, cwd: dir });
    const records = out.trim().split('\n').map((l) => JSON.parse(l));
    const entry = records.find((r) => r.record === '0101').entries[0];
    expect(entry.costs).toEqual([{ description: 'Stent ¤', cents: '100' }]);
  });

  it('UTF-8 text in an ISO 8859-15 file gives a warning; the bytes are kept', async () => {
    const utf8 = Buffer.concat([Buffer.from('0163101M'), Buffer.from('üller', 'utf8'), Buffer.from('\r\n')]);
    const fixed = Buffer.concat([Buffer.from(String(utf8.length).padStart(3, '0')), utf8.subarray(3)]);
    const bytes = Buffer.concat([kvdt(...HEAD, ['8000', '0101']), fixed, kvdt(['3103', '19700101'], ['5000', '20260414'], ['5001', '03000'], ['5098', '013201300'], ['5099', '633116027'], ...TAIL)]);
    const dir = tempDir();
    writeFileSync(join(dir, 'f.con'), bytes);
    let out = '';
    const code = await runCli(['check', 'f.con', '--fix', '-o', 'out.con'], { out: (t) => (out += t), err: () => {}, cwd: dir });
    expect(out).toContain('f.con:10: WARNUNG [KVDT-utf8] UTF-8-Zeichen in einer Datei mit ISO 8859-15 (FK 9106 = 4)');
    expect(code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dir, 'out.con')).equals(bytes)).toBe(true);
  });
});
