/**
 * pvs-rules/kvdt as a stream: the same events whatever the chunking, findings before the input
 * ends, the output byte for byte, bounded records, Hybrid-DRG findings that wait for the whole
 * file (read once).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKvdt, type KvdtEvent, type KvdtSummary } from '../src/kvdt/check-file';
import { MAX_RECORD, MAX_RECORD_LINES } from '../src/kvdt/reader';
import { checker, mustLoad, ROOT, withEbmOperations } from './helpers';
import { createChecker } from '../plugin-api/index';
import type { Checker } from '../plugin-api/types';
import { HEAD, kvdt, line, plainCase, TAIL } from './kvdt-helpers';

const ADT = readFileSync(`${ROOT}/test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con`);
const HDRG = readFileSync(`${ROOT}/test/fixtures/kvdt/Z30123456699_27.10.2025_12.00.con`);
const SAMPLE = readFileSync(`${ROOT}/examples/kvdt/asv-beispiel.con`);

/** A file with a bit of everything that goes wrong: bad lines, UTF-8, a long line, FK 9106 = 3, structure problems. */
const MESSY = Buffer.concat([
  kvdt(['8000', 'con0'], ['9106', '3'], ['8000', 'besa'], ['0201', '013201300'], ['0222', '001234577'], ['8000', 'adt0']),
  Buffer.from('0993101Falsch\r\n'),
  kvdt(['8000', '0101'], ['3000', 'X'], ['3103', '19700101'], ['5000', '20260414'], ['5001', '88500'], ['5011', '5489'], ['5098', '013201300'], ['5099', '633116027'], ['5100', '001234577']),
  Buffer.from('0163101M\u00c3\u00bcller\r\n', 'latin1'),
  Buffer.concat([Buffer.from('0005009'), Buffer.alloc(70_000, 0x42), Buffer.from('\r\n')]),
  kvdt(...plainCase('Y'), ['5011', 'Stent \u00a4'], ['5012', '100']),
  Buffer.from('0105001\n'),
  kvdt(['8000', 'adt9'], ['8000', 'con9'], ['8000', 'besa']),
  Buffer.from('0138000con'),
]);

interface Run {
  events: KvdtEvent[];
  output: Buffer;
  summary: KvdtSummary;
}

/** A run compared by its output's digest (a deep comparison of long buffers is slow). */
const comparable = (r: Run) => ({ events: r.events, summary: r.summary, output: createHash('sha256').update(r.output).digest('hex') });

async function run(bytes: Uint8Array, cut: (bytes: Uint8Array) => Uint8Array[], options = { output: true }, withChecker: Checker = checker()): Promise<Run> {
  const events: KvdtEvent[] = [];
  const out: Uint8Array[] = [];
  let summary: KvdtSummary | undefined;
  for await (const e of checkKvdt(cut(bytes), withChecker, options)) {
    if (e.type === 'output') out.push(e.bytes);
    else if (e.type === 'end') summary = e.summary;
    else if (e.type !== 'progress') events.push(e);
  }
  return { events, output: Buffer.concat(out), summary: summary! };
}

const chunksOf = (size: number) => (bytes: Uint8Array) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
const at = (cuts: number[]) => (bytes: Uint8Array) => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
};

describe('the same events whatever the chunking', () => {
  it('KBV files, the sample and a messy file: byte by byte, odd sizes, random cuts', async () => {
    for (const file of [ADT, HDRG, SAMPLE, MESSY]) {
      const whole = comparable(await run(file, (b) => [b]));
      for (const size of file.length < 10_000 ? [1, 2, 7, 13, 4096] : [7, 13, 4096]) expect(comparable(await run(file, chunksOf(size)))).toEqual(whole);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { maxLength: 30 }), async (cuts) => {
          expect(comparable(await run(file, at(cuts)))).toEqual(whole);
        }),
        { numRuns: 20, seed: 12 },
      );
    }
  });

  it('reuseOutput: an output event keeps its bytes through the next chunk (a write may go on meanwhile), and the output is the same', async () => {
    for (const file of [ADT, HDRG, SAMPLE, MESSY]) {
      const whole = await run(file, (b) => [b]);
      for (const size of [7, 600, 4096]) {
        const out: Buffer[] = [];
        // Each output's bytes as they came, and the output they must still be one chunk later.
        let last: { bytes: Uint8Array; copy: Buffer } | undefined;
        let chunkOfLast = -1;
        let chunk = 0;
        for await (const e of checkKvdt(chunksOf(size)(file), checker(), { output: true, reuseOutput: true })) {
          if (e.type === 'progress') chunk++;
          if (e.type !== 'output') continue;
          if (last && chunk <= chunkOfLast + 1) expect(Buffer.from(last.bytes).equals(last.copy)).toBe(true);
          last = { bytes: e.bytes, copy: Buffer.from(e.bytes) };
          chunkOfLast = chunk;
          out.push(last.copy);
        }
        expect(Buffer.concat(out).equals(whole.output)).toBe(true);
      }
    }
  });

  it('the messy file: every problem located, the bytes kept, the corrections applied', async () => {
    const r = await run(MESSY, (b) => [b]);
    const problems = r.events.flatMap((e) => (e.type === 'problem' ? [[e.problem.line, e.problem.code, e.problem.severity]] : []));
    expect(problems).toEqual([
      // The besa names a BSNR and a team number but no doctor (KVDT rule 836).
      [3, 'R836', 'error'],
      [7, 'length', 'error'],
      [17, 'utf8', 'warning'],
      [18, 'too-long', 'error'],
      [28, 'line-ending', 'error'],
      [28, 'length', 'error'],
      // The last line starts a record (8000) and is cut: the besa after con9 is reported when it ends.
      [32, 'truncated', 'error'],
      [31, 'after-con9', 'error'],
      // That besa is empty: no doctor, no practice.
      [31, 'R836', 'error'],
      [31, 'R857', 'error'],
    ]);
    // The case with the long line (from line 8) is copied unchecked, its 88500 too; the next one is checked.
    expect(r.summary).toMatchObject({ cases: 2, services: 2, lines: 32, fatal: false });
    expect(r.events.flatMap((e) => (e.type === 'finding' ? [[e.finding.code, e.finding.line]] : []))).toEqual([['INPUT-GNR', 28]]);
    // FK 9106 = 3: ¤ stays ¤ (ISO 8859-1), and the output keeps every byte.
    expect(r.output.equals(MESSY)).toBe(true);
  });
});

describe('streamed: events come while the input is still being read', () => {
  it('the first finding arrives before the last chunk is taken', async () => {
    let taken = 0;
    const total = 2000;
    function* source() {
      yield kvdt(...HEAD);
      for (let i = 0; i < total; i++) {
        taken++;
        yield kvdt(['8000', '0101'], ['3000', `P${i}`], ['5000', '20260414'], ['5001', '88500'], ['5011', '5489'], ['5100', '001234577']);
      }
      yield kvdt(...TAIL);
    }
    let firstFindingAt = -1;
    let findings = 0;
    for await (const e of checkKvdt(source(), checker())) {
      if (e.type === 'finding' && firstFindingAt < 0) firstFindingAt = taken;
      if (e.type === 'finding') findings++;
    }
    expect(findings).toBeGreaterThanOrEqual(total);
    expect(firstFindingAt).toBeGreaterThan(0);
    expect(firstFindingAt).toBeLessThan(5);
  });
});

describe('byte-identical when nothing is corrected', () => {
  it('the KBV files and a generated file come out exactly as they went in', async () => {
    const generated = Buffer.concat([kvdt(...HEAD), ...Array.from({ length: 300 }, (_, i) => kvdt(...plainCase(`P${i}`))), kvdt(...TAIL)]);
    for (const file of [ADT, HDRG, generated]) {
      const r = await run(file, chunksOf(1000));
      expect(r.summary.corrections).toBe(0);
      expect(r.output.equals(file)).toBe(true);
      expect(r.summary.outputBytes).toBe(file.length);
    }
  });
});

describe('bounded records', () => {
  it('a record over the limit: one problem, its bytes passed through, the next record checked', async () => {
    const filler = Array.from({ length: Math.ceil(MAX_RECORD / 100) + 10 }, () => line('5009', 'x'.repeat(91)));
    const file = Buffer.concat([kvdt(...HEAD), kvdt(...plainCase('A')), ...filler, kvdt(['8000', '0101'], ['3000', 'B'], ['5000', '20260414'], ['5001', '88500'], ['5100', '001234577']), kvdt(...TAIL)]);
    const r = await run(file, chunksOf(64 * 1024));
    const problems = r.events.flatMap((e) => (e.type === 'problem' ? [e.problem] : []));
    expect(problems.map((p) => [p.code, p.message])).toEqual([['record-too-long', 'Der Satz ab Zeile 9 ist länger als 4 MiB oder 200.000 Zeilen: er wird ungeprüft übernommen.']]);
    expect(r.output.equals(file)).toBe(true);
    // The next case is checked: its 88500 without 5011 is found.
    expect(r.events.some((e) => e.type === 'finding' && e.finding.code === 'ASV-5011-FEHLT')).toBe(true);
  });

  it('a record of more lines than the limit, each short and plain (the reader\'s fast path): the same one problem', async () => {
    // 10-byte lines: the record stays far below the byte limit, only its line count is over.
    const filler = Buffer.alloc((MAX_RECORD_LINES + 10) * 10);
    for (let at = 0; at < filler.length; at += 10) filler.write('0105009x\r\n', at, 'latin1');
    const file = Buffer.concat([kvdt(...HEAD), kvdt(...plainCase('A')), filler, kvdt(['8000', '0101'], ['3000', 'B'], ['5000', '20260414'], ['5001', '88500'], ['5100', '001234577']), kvdt(...TAIL)]);
    expect(filler.length).toBeLessThan(MAX_RECORD);
    const r = await run(file, chunksOf(64 * 1024));
    const problems = r.events.flatMap((e) => (e.type === 'problem' ? [e.problem] : []));
    expect(problems.map((p) => [p.code, p.message])).toEqual([['record-too-long', 'Der Satz ab Zeile 9 ist länger als 4 MiB oder 200.000 Zeilen: er wird ungeprüft übernommen.']]);
    expect(r.output.equals(file)).toBe(true);
    expect(r.events.some((e) => e.type === 'finding' && e.finding.code === 'ASV-5011-FEHLT')).toBe(true);
  });
});

describe('rules that need the whole file, read once', () => {
  const hdrgCase = (patient: string) =>
    [['8000', 'hdrg1'], ['3105', patient], ['3103', '19710101'], ['3110', 'M'], ['5027', 'G24M'], ['5028', '20260601'], ['5029', '20260601'], ['5034', '20260601'], ['5035', '5-530.03'], ['5041', 'L'], ['5098', '198212400'], ['5099', '776299002'], ['6009', 'K40.90']] as const;
  const ebmOp = (patient: string) => [['8000', '0101'], ['3105', patient], ['3103', '19710101'], ['5000', '20260601'], ['5001', '31102'], ['5098', '198212400'], ['5099', '776299002']] as const;
  // A Hybrid-DRG case and, further on, an EBM operation for the same patient on the same day.
  const file = kvdt(['8000', 'con0'], ['9106', '4'], ['8000', 'hdrg0'], ...hdrgCase('A1'), ...hdrgCase('B2'), ['8000', 'hdrg9'], ['8000', 'adt0'], ...ebmOp('A1'), ['8000', 'adt9'], ['8000', 'con9']);

  // Whether 31102 is an EBM operation, the host's EBM master file says (a test one here).
  const ops = createChecker({ ruleSets: mustLoad(withEbmOperations()) });

  it('the Hybrid-DRG finding comes at the end, at its line, as checkAll would give it', async () => {
    const r = await run(file, chunksOf(100), { output: true }, ops);
    const findings = r.events.flatMap((e) => (e.type === 'finding' ? [[e.finding.code, e.finding.line]] : []));
    expect(findings.filter(([c]) => c === 'HDRG-EBM-OP-SELBER-TAG')).toEqual([['HDRG-EBM-OP-SELBER-TAG', 8]]);
    // The structure problem: Hybrid-DRG mixed with an ADT package.
    expect(r.events.flatMap((e) => (e.type === 'problem' ? [e.problem.code] : []))).toEqual(['hdrg-mixed']);
  });

  it('over the limit of waiting services, a changed count is an error, never a silent pass', async () => {
    const events: KvdtEvent[] = [];
    for await (const e of checkKvdt([file], ops, { pendingLimit: 0 })) events.push(e);
    const problems = events.flatMap((e) => (e.type === 'problem' ? [[e.problem.code, e.problem.line, e.problem.severity]] : []));
    expect(problems).toContainEqual(['batch-unsettled', 8, 'error']);
    expect(events.some((e) => e.type === 'finding' && e.finding.code === 'HDRG-EBM-OP-SELBER-TAG')).toBe(false);
  });
});

describe('chunks of another kind, and arguments that are none (the TSDoc: never throws on malformed input)', () => {
  /** The events of a run, whatever it is given; a throw fails the test. */
  const eventsOf = async (source: unknown, withChecker: unknown = checker(), options?: unknown) => {
    const events: KvdtEvent[] = [];
    for await (const e of checkKvdt(source as never, withChecker as never, options as never)) if (e.type !== 'progress') events.push(e);
    return events;
  };
  const fatal = (events: KvdtEvent[]) => events.flatMap((e) => (e.type === 'problem' && e.problem.severity === 'fatal' ? [e.problem.code] : []));

  it('an ArrayBuffer, a DataView or another typed array counts as the bytes it views, as a Buffer does', async () => {
    const whole = comparable(await run(SAMPLE, (b) => [b]));
    const copy = () => {
      const buffer = new ArrayBuffer(SAMPLE.length + 6);
      new Uint8Array(buffer, 3, SAMPLE.length).set(SAMPLE);
      return buffer;
    };
    expect(comparable(await run(SAMPLE, () => [copy().slice(3, 3 + SAMPLE.length) as never]))).toEqual(whole);
    expect(comparable(await run(SAMPLE, () => [new DataView(copy(), 3, SAMPLE.length) as never]))).toEqual(whole);
    const even = SAMPLE.length - (SAMPLE.length % 2);
    const halves = new Uint16Array(SAMPLE.buffer.slice(SAMPLE.byteOffset, SAMPLE.byteOffset + even));
    expect(comparable(await run(SAMPLE, () => [halves as never, SAMPLE.subarray(even)]))).toEqual(whole);
  });

  it('a chunk that is no bytes (a string from a stream read with an encoding, null) ends the check with one fatal problem', async () => {
    for (const chunks of [[SAMPLE.toString('latin1')], [SAMPLE.subarray(0, 100), null], [42]]) {
      const events = await eventsOf(chunks);
      expect(fatal(events)).toEqual(['not-bytes']);
      expect(events.at(-1)!.type).toBe('end');
    }
    // A source that is no list of chunks at all.
    for (const source of [null, undefined, 42, {}]) {
      const events = await eventsOf(source);
      expect(fatal(events)).toEqual(['not-bytes']);
      expect(events.at(-1)!.type).toBe('end');
    }
  });

  it('a source that is the bytes themselves (a Buffer, an ArrayBuffer) is one chunk, with its end', async () => {
    const whole = comparable(await run(SAMPLE, (b) => [b]));
    expect(comparable(await run(SAMPLE, (b) => Buffer.from(b) as never))).toEqual(whole);
    expect(comparable(await run(SAMPLE, (b) => new Uint8Array(b).buffer as never))).toEqual(whole);
  });

  it('no checker (null, an object without stream) checks as one without rule sets; options null are none', async () => {
    for (const none of [null, {}, 'checker']) {
      const events = await eventsOf([SAMPLE], none);
      expect(events.some((e) => e.type === 'finding' && e.finding.code === 'PRUEFUNG-OHNE-REGELWERK')).toBe(true);
    }
    expect(comparable(await run(SAMPLE, (b) => [b], null as never))).toEqual(comparable(await run(SAMPLE, (b) => [b], {} as never)));
  });
});
