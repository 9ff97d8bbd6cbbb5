/** HTTP helpers for the server tests: plain requests, and raw sockets for bodies sent slowly or in parts. */
import { cpSync, mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const postJson = (url: string, value: unknown, headers: Record<string, string> = {}) =>
  request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof value === 'string' ? value : JSON.stringify(value) });

/** A request whose body is sent in parts: `send` more, `reply` waits for the whole answer. */
export function rawRequest(port: number, head: string): { socket: Socket; send: (data: string | Buffer) => void; reply: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  socket.write(head);
  const reply = new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
  });
  return { socket, send: (data) => socket.write(data), reply };
}

/** A scratch copy of the bundled rule folder, and the example practice context for --context. */
export function scratchRules(): { dir: string; rules: string; context: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-serve-'));
  cpSync(join(ROOT, 'rules'), join(dir, 'rules'), { recursive: true });
  cpSync(join(ROOT, 'examples/practice-context.json'), join(dir, 'examples/practice-context.json'));
  return { dir, rules: join(dir, 'rules'), context: join(dir, 'examples/practice-context.json') };
}

export const KBV_ENTRY = { date: '2019-01-04', gop: '88500', teamNumber: '001234577', lanr: '633116027', costs: [{ description: '5489' }] };

/** Resolves when `check` holds, polling every 20 ms, or rejects after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
