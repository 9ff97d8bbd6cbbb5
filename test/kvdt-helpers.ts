/** Helpers for the KVDT tests: building files line by line, running the CLI in a child process. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { built } from './built';
import { ROOT } from './helpers';
import { emptyHeader, readHeader, type FileHeader } from '../src/kvdt/file-header';
import { mapCase, type MappedService } from '../src/kvdt/mapping';
import { emptyPractice, readPractice, type PracticeData } from '../src/kvdt/practice';
import { KvdtReader, type RecordView } from '../src/kvdt/reader';

/** One KVDT line `LLLFFFFcontent CR LF` (ISO 8859-15; the length counts bytes). */
export function line(fk: string, content: string): Buffer {
  const body = Buffer.from(content, 'latin1');
  const length = 9 + body.length;
  return Buffer.concat([Buffer.from(`${String(length).padStart(3, '0')}${fk}`, 'latin1'), body, Buffer.from('\r\n')]);
}

/** KVDT lines from `[fk, content]` pairs. */
export function kvdt(...items: (readonly [string, string])[]): Buffer {
  return Buffer.concat(items.map(([fk, v]) => line(fk, v)));
}

export const HEAD = [['8000', 'con0'], ['9103', '20260701'], ['9106', '4'], ['8000', 'besa'], ['0201', '013201300'], ['0212', '633116027'], ['8000', 'adt0'], ['9204', '22026']] as const;
export const TAIL = [['8000', 'adt9'], ['8000', 'con9']] as const;
/** A case 0101 with one ordinary service (no finding with the bundled rules). */
export function plainCase(patient: string, day = '20260414', gop = '03000'): (readonly [string, string])[] {
  return [['8000', '0101'], ['3000', patient], ['3103', '19700101'], ['5000', day], ['5001', gop], ['5098', '013201300'], ['5099', '633116027']];
}

/** Calls `each` for every record of `bytes`, with the practice and the headers read so far (as the file check keeps them). */
export function forEachRecord(bytes: Uint8Array, each: (record: RecordView, practice: PracticeData, header: FileHeader) => void): void {
  const practice = emptyPractice();
  const header = emptyHeader();
  const reader = new KvdtReader({
    record(r) {
      if (r.type === 'besa') readPractice(r, practice);
      else readHeader(r, header);
      each(r, practice, header);
    },
    lineProblem: () => {},
    passThrough: () => {},
    fatal: () => {},
  });
  reader.push(bytes);
  reader.end();
}

/** The services of each record of a file as the file check maps them: with the practice and the headers (records without services left out). */
export function mappedRecords(bytes: Uint8Array): MappedService[][] {
  const out: MappedService[][] = [];
  forEachRecord(bytes, (r, practice, header) => {
    const services = mapCase(r, practice, header);
    if (services.length) out.push(services);
  });
  return out;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pvs-kvdt-'));
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/**
 * Runs the built CLI (npm test's build, as the package ships it; no TypeScript compiled in each
 * child) in a child process (own cwd, stdin, signals). `shell` is shell text after the command
 * (a redirection, `<(…)`), `pipeFrom` a command whose output is piped in (a real pipe: spawn's
 * own stdin is a socket).
 */
export function cli(args: string[], options: { cwd?: string; stdin?: Buffer; timeoutMs?: number; shell?: string; pipeFrom?: string; ulimitFileBlocks?: number } = {}): Promise<Run> {
  const node = process.execPath;
  const base = [node, built('dist/cli.mjs')];
  let command: string;
  let argv: string[];
  if (options.shell !== undefined || options.pipeFrom !== undefined || options.ulimitFileBlocks !== undefined) {
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const limit = options.ulimitFileBlocks !== undefined ? `ulimit -f ${options.ulimitFileBlocks}; ` : '';
    const pipe = options.pipeFrom !== undefined ? `${options.pipeFrom} | ` : '';
    command = 'bash';
    argv = ['-c', `${limit}${pipe}${[...base, ...args].map(quote).join(' ')}${options.shell ?? ''}`];
  } else {
    [command, ...argv] = [...base, ...args] as [string, ...string[]];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (t) => (out += t));
    child.stderr.setEncoding('utf8').on('data', (t) => (err += t));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
    child.stdin.on('error', () => {});
    if (options.stdin) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}
