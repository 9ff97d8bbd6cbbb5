/**
 * The OpenAPI document against the server: every route is described, every example validates
 * against its schema, and so does every real answer (each status the tests can provoke).
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, FILE_ROUTES } from '../src/server/routes';
import { startServer, type RulesServer } from '../src/server/server';
import { ROOT } from './helpers';
import { KBV_ENTRY, postJson, rawRequest, request, scratchRules, type Reply } from './server-helpers';

type Doc = { openapi: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, unknown> } };

/** A token of the minimum length the server accepts. */
const TOKEN = 'openapi-test-tok';
let server: RulesServer;
let broken: RulesServer;
let scratch: ReturnType<typeof scratchRules>;
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });

beforeAll(async () => {
  scratch = scratchRules();
  server = await startServer({ rulesDir: scratch.rules, contextFile: scratch.context, studio: true, token: TOKEN, watchIntervalMs: 0, limits: { jsonBytes: 2048, jsonBodyMs: 200 } });
  doc = (await request(`${server.url}v1/openapi.json`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
  ajv.addSchema(doc, 'openapi.json');
  // A folder whose only rule set is broken: nothing loads.
  const dir = join(scratch.dir, 'broken');
  mkdirSync(dir);
  writeFileSync(join(dir, 'ruleset.json'), '{ "kind": "ruleset" }');
  broken = await startServer({ rulesDir: dir, watchIntervalMs: 0 });
});
afterAll(async () => {
  await server.close();
  await broken.close();
  rmSync(scratch.dir, { recursive: true, force: true });
});

/** The schema of `path`/`method`/`status`/media type, as a validator. */
function validatorFor(path: string, method: string, status: number, media: string) {
  const responses = doc.paths[path]![method]!.responses;
  const key = String(status) in responses ? String(status) : 'default';
  const content = responses[key].content?.[media];
  if (!content) throw new Error(`${method} ${path}: ${status} ${media} is not described`);
  const pointer = `openapi.json#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${key}/content/${media.replace(/\//g, '~1')}/schema`;
  return { validate: ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer }), itemSchema: content.schema['x-itemSchema'] as { $ref: string } | undefined };
}

const errorsOf = (v: { errors?: unknown }) => JSON.stringify(v.errors, null, 1);

/** Validates a real answer against the document. */
function conforms(path: string, method: string, reply: Reply): void {
  const media = String(reply.headers['content-type']).split(';')[0]!;
  const { validate, itemSchema } = validatorFor(path, method, reply.status, media);
  if (itemSchema) {
    const item = ajv.getSchema(`openapi.json${itemSchema.$ref}`) ?? ajv.compile({ $ref: `openapi.json${itemSchema.$ref}` });
    for (const line of reply.text.trimEnd().split('\n')) expect(item(JSON.parse(line)), `${method} ${path} ${line} ${errorsOf(item)}`).toBe(true);
    return;
  }
  expect(validate(reply.json()), `${method} ${path} ${reply.status}: ${errorsOf(validate)}`).toBe(true);
}

describe('OpenAPI 3.1 document at /v1/openapi.json', () => {
  it('describes every route the server has', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const [method, path] of [...API_ROUTES, ...FILE_ROUTES]) {
      const documented = path.replace(/:(\w+)/g, '{$1}').replace('*', '{path}');
      expect(doc.paths[documented]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
    }
  });

  it('every example response validates against its schema', () => {
    let count = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          for (const [media, content] of Object.entries(response.content ?? {}) as [string, any][]) {
            const { validate, itemSchema } = validatorFor(path, method, status === 'default' ? 599 : Number(status), media);
            for (const [name, example] of Object.entries(content.examples ?? {}) as [string, { value: unknown }][]) {
              count++;
              if (itemSchema) {
                const item = ajv.compile({ $ref: `openapi.json${itemSchema.$ref}` });
                for (const line of String(example.value).split('\n')) expect(item(JSON.parse(line)), `${path} ${name}: ${errorsOf(item)}`).toBe(true);
              } else expect(validate(example.value), `${method} ${path} ${status} ${name}: ${errorsOf(validate)}`).toBe(true);
            }
          }
        }
      }
    }
    expect(count).toBeGreaterThan(30);
  });

  it('the real answers of every route validate against it, errors included', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const u = server.url;
    const at = (p: string) => `${u}${p.slice(1)}`;
    const asvText = readFileSync(join(ROOT, 'rules/asv/2026.1/ruleset.json'), 'utf8');
    const file = (p: string) => at(`/v1/files/${encodeURIComponent(p)}`);
    const cases: [string, string, () => Promise<Reply>][] = [
      ['/v1/check', 'post', () => postJson(at('/v1/check'), KBV_ENTRY, auth)],
      ['/v1/check', 'post', () => postJson(at('/v1/check'), '{"date": }', auth)],
      ['/v1/check', 'post', () => postJson(at('/v1/check'), { note: 'x'.repeat(3000) }, auth)],
      ['/v1/check', 'post', () => request(at('/v1/check'), { method: 'POST', headers: auth, body: '{}' })],
      ['/v1/check', 'post', () => postJson(at('/v1/check'), KBV_ENTRY)],
      ['/v1/check', 'post', () => request(at('/v1/check'), { headers: auth })], // 405: the default answer
      ['/v1/check-all', 'post', () => postJson(at('/v1/check-all'), { entries: [KBV_ENTRY, KBV_ENTRY] }, auth)],
      ['/v1/check-all', 'post', () => postJson(at('/v1/check-all'), { nothing: 1 }, auth)],
      ['/v1/explain', 'post', () => postJson(at('/v1/explain'), KBV_ENTRY, auth)],
      ['/v1/validate', 'post', () => postJson(at('/v1/validate'), { documents: [{ name: 'asv/2026.1/ruleset.json', text: asvText.replace('"factor": "1.2"', '"factor": "1,2"') }], folder: true }, auth)],
      ['/v1/validate', 'post', () => postJson(at('/v1/validate'), { documents: [{ name: 'asv/2026.1/ruleset.json', text: asvText }], folder: true }, auth)],
      ['/v1/rule-sets', 'get', () => request(at('/v1/rule-sets'), { headers: auth })],
      ['/v1/rule-sets', 'get', () => request(`${broken.url}v1/rule-sets`)],
      ['/v1/check', 'post', () => postJson(`${broken.url}v1/check`, KBV_ENTRY)],
      ['/v1/health', 'get', () => request(`${broken.url}v1/health`)],
      ['/v1/rule-sets/{id}/{version}/diff', 'get', () => request(at('/v1/rule-sets/hdrg/2026.1/diff'), { headers: auth })],
      ['/v1/rule-sets/{id}/{version}/diff', 'get', () => request(at('/v1/rule-sets/asv/2026.1/diff'), { headers: auth })],
      ['/v1/rule-sets/{id}/{version}/diff', 'get', () => request(at('/v1/rule-sets/asv/1999.1/diff'), { headers: auth })],
      ['/v1/kvdt/check', 'post', () => request(at('/v1/kvdt/check'), { method: 'POST', headers: auth, body: readFileSync(join(ROOT, 'test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con')) })],
      ['/v1/kvdt/check', 'post', () => request(at('/v1/kvdt/check'), { method: 'POST', headers: auth, body: readFileSync(join(ROOT, 'examples/kvdt/asv-beispiel.con')) })],
      ['/v1/test', 'post', () => request(at('/v1/test'), { method: 'POST', headers: auth })],
      ['/v1/test', 'post', async () => {
        // A case file gone while the folder is read (here a dangling link): 409 unreadable-file.
        const link = join(scratch.rules, 'kvdt/2026.1/tests/weg.test.json');
        symlinkSync('verschwunden.test.json', link);
        try {
          return await request(at('/v1/test'), { method: 'POST', headers: auth });
        } finally {
          rmSync(link);
        }
      }],
      ['/v1/health', 'get', () => request(at('/v1/health'), { headers: auth })],
      ['/v1/files', 'get', () => request(at('/v1/files'), { headers: auth })],
      ['/v1/files/{path}', 'get', () => request(file('kvdt/2026.1/ruleset.json'), { headers: auth })],
      ['/v1/files/{path}', 'get', () => request(file('../x.json'), { headers: auth })],
      ['/v1/files/{path}', 'get', () => request(file('nothing/here.json'), { headers: auth })],
      ['/v1/files/{path}', 'put', () => request(file('asv/2026.1/ruleset.json'), { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ text: asvText.replace('"factor": "1.2"', '"factor": "x"') }) })],
      ['/v1/files/{path}', 'put', () => request(file('kvdt/2026.1/copy.test.json'), { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ text: readFileSync(join(ROOT, 'rules/kvdt/2026.1/tests/felder.test.json'), 'utf8') }) })],
    ];
    const statuses = new Set<number>();
    for (const [path, method, reply] of cases) {
      const r = await reply();
      statuses.add(r.status);
      conforms(path, method, r);
    }
    const slow = rawRequest(server.port, `POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{`);
    const raw = await slow.reply;
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    conforms('/v1/check', 'post', { status: Number(raw.slice(9, 12)), headers: { 'content-type': 'application/problem+json' }, text: body, json: () => JSON.parse(body) });
    statuses.add(Number(raw.slice(9, 12)));
    expect([...statuses].sort()).toEqual([200, 400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 503]);
  });
});
