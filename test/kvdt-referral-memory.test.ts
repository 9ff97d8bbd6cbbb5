/**
 * The trusted path shares one referral object among the cases of the same referral (mapping.ts).
 * What it shares must not grow with the file nor outlive the file check (issue #12: memory stays
 * flat; a file's billing data is not kept in the process once it is checked): a module's map of
 * every length held 60 MB after checking a 3.5 MB file of long referral texts (a line may hold
 * up to 64 KiB), and a module's map of short ones still held the last file's referrals. Memory
 * is measured as the live heap after full collections.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { decodeHigh } from '../src/kvdt/charset';
import { checkKvdt } from '../src/kvdt/check-file';
import { checker } from './helpers';
import { mapCaseFor, type SharedReferrals } from '../src/kvdt/mapping';
import { forEachRecord, HEAD, kvdt, plainCase, TAIL } from './kvdt-helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function live(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const REFERRAL_FIELDS = ['4217', '4218', '4219', '4220', '4225', '4226', '4241', '4242', '4243', '4248', '4249'];

/** `cases` cases, each with every referral field holding `width` umlauts (its own per case); the lines' length prefix is wrong, as a hostile file's may be. */
function longReferrals(cases: number, width: number): Buffer {
  const parts: Buffer[] = [kvdt(...HEAD)];
  for (let c = 0; c < cases; c++) {
    parts.push(kvdt(['8000', '0101'], ['3000', `P${c}`], ['3103', '19700101'], ['4101', '22026']));
    for (const fk of REFERRAL_FIELDS) parts.push(Buffer.from(`999${fk}${String(c).padStart(8, '0')}${'Ü'.repeat(width)}\r\n`, 'latin1'));
    parts.push(kvdt(['5000', '20260414'], ['5001', '03000'], ['5098', '013201300'], ['5099', '633116027']));
  }
  parts.push(kvdt(...TAIL));
  return Buffer.concat(parts);
}

describe('referrals shared on the trusted path', () => {
  it('hold little while the file is checked, and nothing once it is, however long their texts', async () => {
    const c = checker();
    // A warm check first: the checker's own caches and code are not counted.
    for await (const e of checkKvdt([longReferrals(1, 10)], c)) void e;
    const before = live();
    let bytes: Buffer | null = longReferrals(20, 8000);
    let problems = 0;
    let during = 0;
    for await (const e of checkKvdt([bytes], c)) {
      if (e.type === 'problem') problems++;
      // The check's last event, the check still open: what it holds then (the file's bytes too).
      if (e.type === 'end') during = live() - before;
    }
    bytes = null;
    // Each long line is reported (its length prefix is wrong): the cases were read.
    expect(problems).toBeGreaterThanOrEqual(20 * REFERRAL_FIELDS.length);
    // 20 cases × 11 fields × 8,000 characters: 1.8 MB of text as read (60 MB as the shared referrals held them).
    expect(during).toBeLessThan(8 * 1024 * 1024);
    expect(live() - before).toBeLessThan(4 * 1024 * 1024);
  });

  it('are held by the file check that made them only', async () => {
    let referrals: SharedReferrals | null = new Map();
    const made: WeakRef<object>[] = [];
    const bytes = kvdt(...HEAD, ...plainCase('A'), ['4218', '397604800'], ...plainCase('B'), ['4218', '397604800'], ...TAIL);
    forEachRecord(bytes, (r, practice, header) => {
      const services = mapCaseFor(r, practice, header, 'first', referrals);
      if (services.length) made.push(new WeakRef(services[0]!.entry.case!['referral'] as object));
    });
    // Both cases got the one shared object.
    expect(made.length).toBe(2);
    expect(made[0]!.deref()).toBe(made[1]!.deref());
    referrals = null;
    // A WeakRef's target stays alive to the end of the job that read it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(made[0]!.deref()).toBeUndefined();
  });
});

describe('texts decoded from ISO 8859-15', () => {
  it('hold about a byte per character, as the bytes read (a text kept for the end of the file, a shared referral)', () => {
    // Umlauts and the eight characters ISO 8859-15 gives other code points (€, Š, …), and ASCII.
    const bytes = Buffer.from(Array.from({ length: 60_000 }, (_, i) => [0xdc, 0xa4, 0x41, 0xbe, 0xe4][i % 5]!));
    const kept: string[] = [];
    const before = live();
    for (let i = 0; i < 20; i++) kept.push(decodeHigh(bytes, 0, bytes.length, 'iso-8859-15'));
    const perCharacter = (live() - before) / (20 * bytes.length);
    expect(kept[0]!.slice(0, 5)).toBe('Ü€AŸä');
    // Two bytes for a text with characters above U+00FF (€), and some room.
    expect(perCharacter).toBeLessThan(3);
  });
});
