/**
 * The writer of corrected records held to the one it replaced (maps of lines before, instead of
 * and after each touched line), kept here as the reference: random cases with 5011/5012 pairs
 * and random corrections — replaced, inserted before or after their pair's line, new pairs,
 * a line corrected twice, values that cannot be written — give the same bytes and problems.
 */
import { describe, expect, it } from 'vitest';
import type { Correction } from '../plugin-api/types';
import { encodeLine, writeRecord, type WriteProblem } from '../src/kvdt/writer';
import type { Charset } from '../src/kvdt/charset';
import { mapCase, type MappedService } from '../src/kvdt/mapping';
import type { RecordView } from '../src/kvdt/reader';
import { forEachRecord, HEAD, kvdt, TAIL } from './kvdt-helpers';

/** Fields that stay directly under the 5001 (as writer.ts). */
const HEAD_FIELDS = new Set([5001, 5002, 5003, 5005, 5006, 5008, 5009, 5010]);

// The writer before (reference).
function referenceWrite(
  record: RecordView,
  services: readonly MappedService[],
  corrections: readonly (readonly Correction[])[],
  charset: Charset,
  problems: WriteProblem[],
): Uint8Array[] {
  const replace = new Map<number, Uint8Array>();
  const before = new Map<number, Uint8Array[]>();
  const after = new Map<number, Uint8Array[]>();
  const push = (m: Map<number, Uint8Array[]>, at: number, bytes: Uint8Array) => {
    const list = m.get(at);
    if (list) list.push(bytes);
    else m.set(at, [bytes]);
  };

  for (let si = 0; si < services.length; si++) {
    const list = corrections[si];
    // Most services of a corrected case have no correction.
    if (list === undefined || list.length === 0) continue;
    const service = services[si]!;
    // Corrections of a pair that does not exist yet are written as one new pair: 5012, then 5011.
    let newPairs: Map<number, Map<string, string>> | undefined;
    for (const c of list) {
      const pair = service.pairs[c.index];
      const line = encodeLine(c.field, c.value, charset);
      if (!line) {
        problems.push({ lineNo: record.firstLine + service.first, de: `Korrektur FK ${c.field} = "${c.value}" ist nicht schreibbar (Zeichensatz oder Länge).`, en: `Correction FK ${c.field} = "${c.value}" cannot be written (charset or length).` });
        continue;
      }
      if (!pair) {
        newPairs ??= new Map();
        const fields = newPairs.get(c.index) ?? new Map<string, string>();
        fields.set(c.field, c.value);
        newPairs.set(c.index, fields);
        continue;
      }
      const existing = c.field === '5012' ? pair.l5012 : pair.l5011;
      if (existing !== undefined) replace.set(existing, line);
      else if (c.field === '5012') push(before, pair.l5011!, line);
      else push(after, pair.l5012!, line);
    }
    if (newPairs) {
      let at = service.pairs.length ? service.pairs[service.pairs.length - 1]!.last : service.first;
      if (!service.pairs.length) while (at + 1 <= service.last && HEAD_FIELDS.has(record.fk(at + 1))) at++;
      for (const index of [...newPairs.keys()].sort((a, b) => a - b)) {
        const fields = newPairs.get(index)!;
        for (const fk of ['5012', '5011']) {
          const v = fields.get(fk);
          if (v !== undefined) push(after, at, encodeLine(fk, v, charset)!);
        }
      }
    }
  }

  // Untouched lines between the touched ones go out as one piece each run.
  const touched = [...new Set([...replace.keys(), ...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const i of touched) {
    if (i > from) out.push(record.linesBytes(from, i));
    for (const b of before.get(i) ?? []) out.push(b);
    out.push(replace.get(i) ?? record.linesBytes(i, i + 1));
    for (const b of after.get(i) ?? []) out.push(b);
    from = i + 1;
  }
  if (from < record.lines) out.push(record.linesBytes(from, record.lines));
  return out;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('writeRecord', () => {
  it('writes what the writer before wrote, for random cases and corrections', () => {
    const next = random(12);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    let compared = 0;
    let edited = 0;
    for (let round = 0; round < 300; round++) {
      const lines: (readonly [string, string])[] = [['8000', '0101'], ['3000', `P${round}`], ['5000', '20260414']];
      const services = 1 + Math.floor(next() * 4);
      for (let s = 0; s < services; s++) {
        lines.push(['5001', pick(['88500', '03000', '31101'])]);
        if (next() < 0.3) lines.push(['5002', 'x']);
        const pairs = Math.floor(next() * 3);
        for (let p = 0; p < pairs; p++) {
          const kind = pick(['both', '5012', '5011']);
          if (kind !== '5011') lines.push(['5012', String(100 + p)]);
          if (kind !== '5012') lines.push(['5011', `Sache ${p}`]);
          if (next() < 0.3) lines.push(['5074', 'Hersteller']);
        }
        if (next() < 0.5) lines.push(['5098', '013201300']);
      }
      lines.push(['6001', 'K40.90']);
      const bytes = kvdt(...HEAD, ...lines, ...TAIL);
      forEachRecord(bytes, (r: RecordView, practice, header) => {
        if (r.type !== '0101') return;
        const mapped = mapCase(r, practice, header);
        const corrections: Correction[][] = mapped.map((svc) => {
          const list: Correction[] = [];
          const n = Math.floor(next() * 4);
          for (let k = 0; k < n; k++) {
            const value = next() < 0.1 ? pick(['\u4e00', 'x'.repeat(995)]) : String(Math.floor(next() * 100000));
            list.push({ field: pick(['5011', '5012']), index: Math.floor(next() * (svc.pairs.length + 2)), value, ruleId: 'r' });
          }
          return list;
        });
        const charset: Charset = 'iso-8859-15';
        const p1: WriteProblem[] = [];
        const p2: WriteProblem[] = [];
        const a = Buffer.concat(writeRecord(r, mapped, corrections, charset, p1));
        const b = Buffer.concat(referenceWrite(r, mapped, corrections, charset, p2));
        expect(a.toString('latin1')).toBe(b.toString('latin1'));
        expect(p1).toEqual(p2);
        compared++;
        if (!a.equals(Buffer.from(r.bytes()))) edited++;
      });
    }
    expect(compared).toBe(300);
    expect(edited).toBeGreaterThan(200);
  });
});
