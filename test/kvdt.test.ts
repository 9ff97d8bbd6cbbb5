import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKvdt, checkKvdtFile, type FileReport } from '../src/kvdt/check-file';
import { encodeLine } from '../src/kvdt/writer';
import { kvdtDate, mapCase, type MappedService } from '../src/kvdt/mapping';
import { emptyPractice, readPractice } from '../src/kvdt/practice';
import { KvdtReader } from '../src/kvdt/reader';
import { checker, ROOT } from './helpers';

const ADT = readFileSync(`${ROOT}/test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con`);
const HDRG = readFileSync(`${ROOT}/test/fixtures/kvdt/Z30123456699_27.10.2025_12.00.con`);
const latin9 = (s: string) => Buffer.from(s, 'latin1');
const lines = (...items: [string, string][]) => Buffer.concat(items.map(([fk, v]) => Buffer.from(encodeLine(fk, v, 'iso-8859-15')!)));

async function run(bytes: Uint8Array, chunkSize = 4096, write = true): Promise<{ report: FileReport; out: Buffer }> {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: Uint8Array[] = [];
  const report = await checkKvdtFile(chunks, checker(), write ? { write: (b) => void out.push(b) } : {});
  return { report, out: Buffer.concat(out) };
}

/** The records of a file as the reader delivers them: type, decoded lines, mapped services. */
function records(bytes: Uint8Array) {
  const practice = emptyPractice();
  const all: { type: string; lines: { fk: number; content: string }[]; services: MappedService[] }[] = [];
  const reader = new KvdtReader({
    record(r) {
      if (r.type === 'besa') readPractice(r, practice);
      const lines = Array.from({ length: r.lines }, (_, i) => ({ fk: r.fk(i), content: r.text(i) }));
      all.push({ type: r.type, lines, services: mapCase(r, practice) });
    },
    lineProblem: () => {},
    passThrough: () => {},
    fatal: () => {},
  });
  reader.push(bytes);
  reader.end();
  return { all, practice };
}

describe('KVDT reader on the KBV test files', () => {
  it('reads both files without a problem and writes them back byte-identical', async () => {
    for (const file of [ADT, HDRG]) {
      const { report, out } = await run(file, 777);
      expect(report.problems).toEqual([]);
      expect(out.equals(file)).toBe(true);
      expect(report.lines).toBe(file.toString('latin1').split('\r\n').length - 1);
    }
  });

  it('ADT file: containers, cases, the ASV services (5100 = 001234566), the Sachkosten pair, practice team numbers', () => {
    const { all, practice } = records(ADT);
    expect(all.map((r) => r.type).filter((t) => !/^010/.test(t))).toEqual(['con0', 'besa', 'rvsa', 'adt0', 'adt9', 'con9']);
    expect(practice.teamNumbers).toEqual(['001234566']);
    const services = all.flatMap((r) => r.services);
    expect(services).toHaveLength(112);
    const asv = services.filter((s) => s.entry.teamNumber === '001234566');
    expect(asv.map((s) => [s.entry.date, s.entry.gop, s.entry.lanr])).toEqual([['2026-01-26', '01100', '123456640']]);
    const withCosts = services.filter((s) => s.entry.costs);
    expect(withCosts.map((s) => [s.entry.gop, s.entry.costs])).toEqual([
      ['88210', [{ description: 'Bezeichnung der Sachkosten', cents: '310' }]],
      ['01610', [{ description: 'Bezeichnung der Sachkosten', cents: '1000' }]],
    ]);
    // FK 5000 carries forward: every service has the date of the 5000 before it.
    expect(services.every((s) => /^2026-01-\d\d$/.test(s.entry.date))).toBe(true);
    const first = services[0]!.entry;
    expect(first).toMatchObject({ patient: { birthDate: '1958-10-04', sex: 'M' }, diagnoses: [{ icd: 'G30.1', certainty: 'G' }], case: { recordType: '0102', subgroup: '21', referral: { '4218': '397604800' } } });
    // Umlauts are read as ISO 8859-15.
    expect(all.find((r) => r.type === 'besa')!.lines.find((l) => l.fk === 203)!.content).toBe('H+H Topp-Glücklich, KBV-Testpraxis');
  });

  it('entries as the reader builds them check exactly as the same entries as plain JSON', () => {
    const c = checker();
    const sample = readFileSync(`${ROOT}/examples/kvdt/asv-beispiel.con`);
    const entries = [ADT, HDRG, sample].flatMap((f) => records(f).all.flatMap((r) => r.services.map((s) => s.entry)));
    expect(entries.length).toBeGreaterThan(120);
    for (const e of entries) expect(c.check(e)).toEqual(c.check(JSON.parse(JSON.stringify(e))));
  });

  it('HDRG file: every hdrg1 case maps to an entry', () => {
    const { all } = records(HDRG);
    expect(all.map((r) => r.type)).toEqual(['con0', 'hdrg0', 'hdrg1', 'hdrg1', 'hdrg1', 'hdrg1', 'hdrg1', 'hdrg1', 'hdrg1', 'hdrg9', 'con9']);
    const entries = all.flatMap((r) => r.services).map((s) => s.entry);
    expect(entries.map((e) => e.gop)).toEqual(['G09N', 'I20M', 'L17N', 'N25N', 'L20M', 'I20M', 'J09N']);
    expect(entries[0]).toMatchObject({
      date: '2025-11-07',
      ops: [{ code: '5-380.35', laterality: 'R' }],
      lanr: '123456699',
      diagnoses: [{ icd: 'I80.1', laterality: 'R', kind: 'main' }],
      patient: { birthDate: '1960-04-04', sex: 'M', id: 'Patientennummer', insuranceNumber: '100404194901' },
      hybridDrg: { code: 'G09N', start: '2025-10-06', end: '2025-01-07', opDate: '2025-11-07' },
      case: { recordType: 'hdrg1' },
    });
  });
});

describe('mapCase hands out lists of the caller', () => {
  // A caller may change what mapCase gives it: a pair pushed into one service's list must stay
  // in that service, not turn up in every later service without pairs (nor in the file check's).
  it('each service without pairs gets a list of its own, and a push into one changes no later check', async () => {
    const services = [ADT, HDRG].flatMap((f) => records(f).all.flatMap((r) => r.services));
    const empty = services.filter((s) => s.pairs.length === 0);
    expect(empty.length).toBeGreaterThan(100);
    expect(new Set(empty.map((s) => s.pairs)).size).toBe(empty.length);
    const before = await run(ADT, 777, true);
    empty[0]!.pairs.push({ l5011: 2, l5012: 1, last: 2 });
    expect(records(HDRG).all.flatMap((r) => r.services).every((s) => s.pairs.length === 0)).toBe(true);
    const after = await run(ADT, 777, true);
    expect(after.report).toEqual(before.report);
    expect(after.out.equals(before.out)).toBe(true);
  });
});

describe('KVDT writer', () => {
  const kbvCase = (pairLines: [string, string][]) =>
    Buffer.concat([
      lines(['8000', 'con0'], ['9106', '4'], ['8000', '0101']),
      lines(['5000', '20190104'], ['5001', '88500'], ...pairLines, ['5098', '013201300'], ['5099', '633116027'], ['5100', '001234577']),
      lines(['8000', 'con9']),
    ]);

  it('inserts the missing 5012 before its 5011 with the right length (KBV example)', async () => {
    const { report, out } = await run(kbvCase([['5011', '5489']]));
    expect(report.findings.map((f) => [f.code, f.line])).toEqual([['ASV-5012-FEHLT', 6]]);
    expect(report.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price', serviceLine: 5 }]);
    const text = out.toString('latin1');
    // 014 = 3 + 4 + 5 + 2 bytes; the new line sits between 5001 and its 5011.
    expect(text).toContain('014500188500\r\n014501252458\r\n01350115489\r\n0185098');
    // The corrected file passes.
    const again = await run(out);
    expect(again.report.findings).toEqual([]);
  });

  it('replaces a wrong 5012 in place and adds a whole pair where none exists', async () => {
    const wrong = await run(kbvCase([['5012', '52459'], ['5011', '5489']]));
    expect(wrong.out.toString('latin1')).toContain('014500188500\r\n014501252458\r\n01350115489\r\n');
    expect(wrong.out.length).toBe(kbvCase([['5012', '52459'], ['5011', '5489']]).length);
    // 88599 allows only 5431 in this test: no pair → 5011 filled (5012 follows on the next check).
    const noPair = await run(kbvCase([]));
    expect(noPair.report.findings.map((f) => f.code)).toEqual(['ASV-5011-FEHLT']);
    expect(noPair.out.equals(kbvCase([]))).toBe(true);
  });

  it('never modifies the input buffer', async () => {
    const input = kbvCase([['5011', '5489']]);
    const copy = Buffer.from(input);
    await run(input);
    expect(input.equals(copy)).toBe(true);
  });
});

describe('KVDT reader on malformed input', () => {
  it('locates bad length, bad field id, control bytes and truncation, and keeps reading', async () => {
    const bad = Buffer.concat([
      lines(['8000', 'con0']),
      latin9('09991064\r\n'), // wrong length (the line has 10 bytes)
      latin9('009ab12\r\n'), // no field id
      latin9('0119209\u0001A\r\n'), // control byte
      lines(['8000', '0101'], ['5000', '20260414'], ['5001', '03000']),
      latin9('0175000202604'), // truncated
    ]);
    const { report, out } = await run(bad, 5);
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'length'],
      [3, 'field-id'],
      [4, 'encoding'],
      [8, 'truncated'],
      [5, 'missing-header'],
      [8, 'missing-con9'],
    ]);
    expect(report.problems[0]).toMatchObject({ offset: 13, message: 'Längenangabe 99, die Zeile hat aber 10 Bytes.' });
    expect(report.services).toBe(1);
    expect(out.equals(bad)).toBe(true);
  });

  it('never throws and never loses a byte on random truncation and byte flips', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(ADT.length), fc.array(fc.tuple(fc.nat(ADT.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.integer({ min: 1, max: 5000 }), async (cut, flips, chunk) => {
        const mutated = Buffer.from(ADT.subarray(0, cut));
        for (const [at, byte] of flips) if (at < mutated.length) mutated[at] = byte;
        const { report, out } = await run(mutated, chunk);
        if (report.problems.some((p) => p.severity === 'fatal')) {
          // Too little left to be KVDT (a cut inside the first lines): refused as a whole, no output to keep.
          expect(report.problems.filter((p) => p.severity === 'fatal').map((p) => p.code)).toEqual([mutated.length ? 'not-kvdt' : 'empty']);
          expect(mutated.length).toBeLessThan(60);
        } else {
          expect(out.equals(mutated)).toBe(true);
          expect(report.lines).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 150, seed: 99 },
    );
  });
});

describe('KVDT input that is not what it seems', () => {
  it('a UTF-8 byte order mark before con0 is named once; the file is read from the byte after it and the mark is kept', async () => {
    const plain = await run(ADT, 777);
    const marked = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ADT]);
    const { report, out } = await run(marked, 777);
    expect(report.problems.map((p) => [p.line, p.code, p.severity])).toEqual([[1, 'bom', 'error']]);
    expect(report.problems[0]!.message).toContain('EF BB BF');
    // Everything else as without the mark: the same records, services and findings on the same lines.
    expect([report.records, report.cases, report.services, report.lines]).toEqual([plain.report.records, plain.report.cases, plain.report.services, plain.report.lines]);
    expect(report.findings).toEqual(plain.report.findings);
    expect(out.equals(marked)).toBe(true);
  });

  it('a line past 64 KiB before any KVDT line gets the same verdict however the file is chunked, at its own line', async () => {
    const junk = Buffer.concat([Buffer.from('kein KVDT\r\n'), Buffer.alloc(70_000, 0x41), Buffer.from('\r\n'), ADT]);
    const verdicts = [];
    for (const size of [4096, 65536, 1 << 20]) {
      const { report, out } = await run(junk, size);
      verdicts.push({ problems: report.problems.map((p) => [p.line, p.code, p.severity]), out: out.length });
    }
    expect(verdicts[0]).toEqual({ problems: [[2, 'not-kvdt', 'fatal']], out: 0 });
    expect(verdicts[1]).toEqual(verdicts[0]);
    expect(verdicts[2]).toEqual(verdicts[0]);
  });

  it('a byte order mark before a first line FK 9106 = 3: the charset is read after the mark', async () => {
    const marked = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), lines(['9106', '3']), ADT]);
    const { report } = await run(marked, 777);
    expect(report.problems.filter((p) => p.code === 'encoding')).toEqual([]);
    expect(report.problems[0]).toMatchObject({ line: 1, code: 'bom' });
  });

  it('a first line that never ends (/dev/zero) is no KVDT file: one fatal problem, reading stops', async () => {
    let chunks = 0;
    async function* zeros() {
      // As /dev/zero (capped here, so a failing check ends): the check must stop by itself.
      while (chunks < 200) {
        chunks++;
        yield new Uint8Array(65536);
      }
    }
    const report = await checkKvdtFile(zeros(), checker(), {});
    expect(report.problems.map((p) => [p.code, p.severity])).toEqual([['not-kvdt', 'fatal']]);
    expect(chunks).toBeLessThan(4);
  });
});

describe('KVDT batch on a large file', () => {
  it('checks ≥ 200,000 services with flat memory (streamed)', async () => {
    // A real collector is needed to tell retained memory from garbage not yet collected.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const SERVICES = 200_000;
    // A case differs from another by i % 3000 alone: each of the 3,000 is encoded once (encoding
    // every line again was a quarter of this test's time) and yielded as a copy of its own, so a
    // chunk the check kept would still show in the heap.
    const encoded: Buffer[] = [];
    const caseBytes = (i: number) =>
      Buffer.from(
        (encoded[i % 3000] ??= lines(['8000', '0101'], ['3103', '19600404'], ['5000', '20260414'], ['5001', String(10000 + (i % 3000))], ['5009', 'x'.repeat(50)], ['5099', '604432405'], ['5001', '03000'], ['5009', 'y'.repeat(50)])),
      );
    let total = 0;
    const samples: [number, number][] = [];
    function* file() {
      yield lines(['8000', 'con0'], ['9106', '4']);
      for (let i = 0; i < SERVICES / 2; i++) {
        const b = caseBytes(i);
        total += b.length;
        yield b;
      }
      yield lines(['8000', 'con9']);
    }
    let chunks = 0;
    let services = 0;
    let problems = 0;
    for await (const e of checkKvdt(file(), checker())) {
      if (e.type === 'progress' && ++chunks % 10_000 === 0) {
        gc();
        samples.push([total, process.memoryUsage().heapUsed]);
      } else if (e.type === 'end') {
        services = e.summary.services;
        problems = e.summary.problems.error;
      }
    }
    expect(services).toBe(SERVICES);
    // The cases stand outside an ADT package (no adt0): one structure problem, not one per case.
    expect(problems).toBe(1);
    expect(total).toBeGreaterThan(20_000_000);
    const [firstBytes, firstHeap] = samples[0]!;
    const [lastBytes, lastHeap] = samples[samples.length - 1]!;
    // Between the first and the last sample the reader went through more than 15 MB of file;
    // the live heap after collection must not follow it.
    expect(lastBytes - firstBytes).toBeGreaterThan(15_000_000);
    expect(lastHeap - firstHeap).toBeLessThan(3_000_000);
  }, 120_000);
});

it('kvdtDate converts JJJJMMTT', () => {
  expect(kvdtDate('20260131')).toBe('2026-01-31');
  expect(kvdtDate('2026013')).toBe('2026013');
  // Eight characters, one of them no digit (just below '0', just above '9', a letter, a digit of another script): unchanged.
  for (const v of ['2026/131', '2026013:', '2026013a', 'x0260131', '2026013\u0661']) expect(kvdtDate(v)).toBe(v);
});
