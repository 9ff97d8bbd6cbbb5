import { spawn } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Access } from '../src/server/access';
import { startServer, type RulesServer } from '../src/server/server';
import { runCli } from '../src/cli/main';
import { built } from './built';
import { ROOT } from './helpers';
import { KBV_ENTRY, postJson, rawRequest, request, scratchRules, until } from './server-helpers';

const Z01 = readFileSync(join(ROOT, 'test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con'));
/** Stands for patient data: it must never come back in an error or reach the log. */
const SECRET = 'A123456789-GEHEIM';

describe('pvs-rules serve: the JSON API on the bundled rule sets', () => {
  let server: RulesServer;
  const log: string[] = [];
  beforeAll(async () => {
    server = await startServer({ log: (l) => log.push(l), limits: { jsonBytes: 4096, jsonBodyMs: 300, kvdtBytes: 100_000 }, watchIntervalMs: 0 });
  });
  afterAll(() => server.close());

  it('listens on loopback by default and says where', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('POST /v1/check: the KBV 88500 example gets FK 5012 = 52458, German by default, English on request', async () => {
    const de = await postJson(`${server.url}v1/check`, KBV_ENTRY);
    expect(de.status).toBe(200);
    expect(de.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(de.headers['cache-control']).toBe('no-store');
    expect(de.json().corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
    expect(de.json().findings[0].message).toContain('fehlt');
    const en = await postJson(`${server.url}v1/check`, KBV_ENTRY, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.json().findings[0].message).toContain('missing');
    expect((await postJson(`${server.url}v1/check?locale=en`, KBV_ENTRY)).json().findings[0].message).toContain('missing');
  });

  it('POST /v1/check-all checks one batch (the same-day rules see it); POST /v1/explain traces each condition', async () => {
    const entries = [KBV_ENTRY, { ...KBV_ENTRY, costs: [{ description: '5489', cents: '52458' }] }];
    const all = await postJson(`${server.url}v1/check-all`, { entries });
    expect(all.status).toBe(200);
    expect(all.json().results).toHaveLength(2);
    expect(all.json().results[1].corrections).toEqual([]);
    const list = await postJson(`${server.url}v1/check-all`, entries);
    expect(list.json()).toEqual(all.json());
    const bad = await postJson(`${server.url}v1/check-all`, { entry: KBV_ENTRY });
    expect(bad.status).toBe(400);
    const x = await postJson(`${server.url}v1/explain`, KBV_ENTRY);
    const price = x.json().rules.find((r: { ruleId: string }) => r.ruleId === 'asv.5012.set-price');
    expect(price.fired).toBe(true);
    expect(JSON.stringify(price.conditions)).toContain('"factValue"');
  });

  it('POST /v1/check-all: a client that leaves the answer unread is disconnected after answerStallMs, the answer freed', async () => {
    const stall = await startServer({ limits: { answerStallMs: 300 }, watchIntervalMs: 0 });
    try {
      const heavy = { date: '2026-04-14', gop: '88500', teamNumber: '001234577', costs: Array.from({ length: 1000 }, () => ({ description: '1' })) };
      const body = JSON.stringify(Array.from({ length: 30 }, () => heavy)); // an answer of about 25 MB, more than the socket buffers take
      const url = new URL(stall.url);
      const socket = connect(Number(url.port), url.hostname);
      socket.on('error', () => {});
      socket.pause(); // reads nothing
      socket.write(`POST /v1/check-all HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      // The request is taken, answered into the full socket, then dropped: no request left in hand.
      await until(() => stall.inFlight === 1, 15_000);
      await until(() => stall.inFlight === 0, 15_000);
      socket.destroy();
      // The server still answers others.
      expect((await postJson(`${stall.url}v1/check-all`, [KBV_ENTRY])).status).toBe(200);
    } finally {
      await stall.close();
    }
  });

  it('POST /v1/check-all: the answer is written in slices, byte for byte what one JSON.stringify makes; over the list-item or answer limit 413 naming it', async () => {
    const heavy = { date: '2026-04-14', gop: '88500', teamNumber: '001234577', costs: Array.from({ length: 1000 }, () => ({ description: '1' })) };
    const entries = [heavy, KBV_ENTRY, heavy, { ...KBV_ENTRY, costs: 'none' }];
    const sliced = await postJson(`${server.url}v1/check-all`, entries);
    expect(sliced.status).toBe(200);
    expect(sliced.text.length).toBeGreaterThan(1 << 20); // more than one slice
    expect(sliced.text).toBe(JSON.stringify({ results: server.store.current!.checkers.de.checkAll(entries) }));
    expect(Number(sliced.headers['content-length'])).toBe(Buffer.byteLength(sliced.text));
    const small = await startServer({ limits: { batchListItems: 1500, batchAnswerBytes: 100_000 }, watchIntervalMs: 0 });
    try {
      const pairs = await postJson(`${small.url}v1/check-all`, entries);
      expect(pairs.status).toBe(413);
      expect(pairs.json()).toMatchObject({ code: 'body-too-large', limitListItems: 1500 });
      expect(pairs.json().detail).toBe('Mehr als 1500 Listeneinträge (Kostenangaben, Diagnosen, OPS …) in einer Anfrage; bitte aufteilen oder als KVDT-Datei prüfen.');
      // Any list counts, not only cost pairs: bad diagnoses (a finding each), and lists inside an entry's objects.
      const diagnoses = { date: '2026-04-14', gop: '88500', diagnoses: Array.from({ length: 800 }, () => ({ icd: '?' })) };
      expect((await postJson(`${small.url}v1/check-all`, [diagnoses, diagnoses])).json()).toMatchObject({ code: 'body-too-large', limitListItems: 1500 });
      const nested = { date: '2026-04-14', gop: '88500', hybridDrg: { code: 'G24M', ops: Array.from({ length: 1600 }, () => '5-530.03') } };
      expect((await postJson(`${small.url}v1/check-all`, [nested])).status).toBe(413);
      const answer = await postJson(`${small.url}v1/check-all?locale=en`, [heavy]);
      expect(answer.status).toBe(413);
      expect(answer.json()).toMatchObject({ code: 'body-too-large', limitAnswerBytes: 100_000 });
      expect(answer.json().detail).toBe('The answer would be larger than 100000 bytes; split the entries over several requests.');
      expect((await postJson(`${small.url}v1/check-all`, [KBV_ENTRY, KBV_ENTRY])).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('malformed JSON: 400 with line and column, and nothing of the body in the answer or the log', async () => {
    const line3 = `  "patient": { "insuranceNumber": "${SECRET}" ,, }`;
    const body = `{\n  "date": "2019-01-04",\n${line3}\n}`;
    const column = line3.indexOf(',,') + 2; // the second comma, counted from 1
    const r = await postJson(`${server.url}v1/check`, body);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const p = r.json();
    expect(p).toMatchObject({ type: 'urn:pvs-rules:problem:bad-json', status: 400, code: 'bad-json', line: 3, column });
    expect(p.detail).toContain(`Zeile 3, Spalte ${column}`);
    expect(r.text).not.toContain(SECRET);
    expect(r.text).not.toContain('insuranceNumber');
    expect(log.join('\n')).not.toContain(SECRET);
  });

  it('a body nested deeper than 64 levels is refused with 400 at the value too deep, even when it is well-formed JSON', async () => {
    // Scanned before JSON.parse (src/server/json-scan.ts): 30 MB of "[" cost JSON.parse alone 10 s.
    const deep = `[${'['.repeat(70)}1${']'.repeat(70)}]`;
    expect(() => JSON.parse(deep)).not.toThrow();
    const r = await postJson(`${server.url}v1/check-all`, deep);
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ code: 'bad-json', line: 1, column: 66 });
    const open = await postJson(`${server.url}v1/check-all`, '\n'.repeat(2) + '['.repeat(4000));
    expect(open.json()).toMatchObject({ code: 'bad-json', line: 3, column: 66 });
  });

  it('413 over the size limit (declared or streamed), 408 for a body that does not arrive in time, 415 for a body not declared as JSON', async () => {
    const big = JSON.stringify({ ...KBV_ENTRY, case: { note: 'x'.repeat(5000) } });
    const declared = await postJson(`${server.url}v1/check`, big);
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ code: 'body-too-large', limit: 4096 });
    expect(declared.headers['connection']).toBe('close');
    const chunked = rawRequest(server.port, `POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    chunked.send(`${(5000).toString(16)}\r\n${'x'.repeat(5000)}\r\n`);
    expect(await chunked.reply).toMatch(/^HTTP\/1\.1 413 [\s\S]*"limit":4096/);
    const slow = rawRequest(server.port, `POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"date":`);
    const answer = await slow.reply;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"request-timeout"');
    const form = await request(`${server.url}v1/check`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(KBV_ENTRY) });
    expect(form.status).toBe(415);
  });

  it('408 for a request whose headers do not arrive in time (the request line alone), within the configured limit', async () => {
    const quick = await startServer({ limits: { headersMs: 400 }, watchIntervalMs: 0 });
    try {
      const started = Date.now();
      const lone = rawRequest(quick.port, 'POST /v1/check HTTP/1.1\r\n');
      const answer = await lone.reply;
      const took = Date.now() - started;
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      // The configured 400 ms, not Node's own check every 30 s; the upper bound leaves room for a loaded CI machine.
      expect(took).toBeGreaterThanOrEqual(340); // Node times out at 360 ms and looks every 40 ms (server.ts)
      expect(took).toBeLessThan(5_000);
    } finally {
      await quick.close();
    }
  });

  it('answers only under a loopback Host and to its own origin (no DNS rebinding, no cross-site requests)', async () => {
    const rebound = await request(`${server.url}v1/health`, { headers: { host: `evil.example:${server.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.json().code).toBe('host-refused');
    expect((await request(`${server.url}v1/health`, { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
    const foreign = await postJson(`${server.url}v1/check`, KBV_ENTRY, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await postJson(`${server.url}v1/check`, KBV_ENTRY, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('404 and 405 as problem documents; no studio and no file access without --studio', async () => {
    const missing = await request(`${server.url}v1/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.json().type).toBe('urn:pvs-rules:problem:not-found');
    const method = await request(`${server.url}v1/check`);
    expect(method.status).toBe(405);
    expect(method.headers['allow']).toBe('POST');
    expect((await request(`${server.url}v1/files`)).status).toBe(404);
    expect((await request(server.url)).status).toBe(404);
  });

  it('GET /v1/rule-sets lists the loaded versions and rules that can never fire; GET /v1/health', async () => {
    const r = (await request(`${server.url}v1/rule-sets`)).json();
    expect(r.status).toBe('ok');
    expect(r.folder).toBeNull();
    expect(r.ruleSets.map((v: { key: string }) => v.key)).toEqual(['asv@2026.1', 'bv@2026.1', 'hdrg@2024.1', 'hdrg@2025.1', 'hdrg@2026.1', 'kvdt@2026.1']);
    expect(r.ruleSets.find((v: { key: string }) => v.key === 'hdrg@2024.1')).toMatchObject({ validFrom: '2024-01-01', validUntil: '2024-12-31', active: false });
    expect(r.catalogues).toEqual([{ id: 'goae', file: 'catalogues/goae.json' }, { id: 'SDHDRG 2026-01-01–2026-12-31', file: 'catalogues/sdhdrg-2.0.0-2026.json' }]);
    expect(Array.isArray(r.inactiveRules)).toBe(true);
    const h = (await request(`${server.url}v1/health`)).json();
    expect(h).toMatchObject({ status: 'ok', generation: 1, ruleSets: 6 });
  });

  it('POST /v1/validate: documents → located problems (the ASV factor of section O as "1,2")', async () => {
    const text = readFileSync(join(ROOT, 'rules/asv/2026.1/ruleset.json'), 'utf8').replace('"factor": "1.2"', '"factor": "1,2"');
    const alone = (await postJson(`${server.url}v1/validate`, { documents: [{ name: 'asv/2026.1/ruleset.json', text }] })).json();
    // Alone it lacks the GOÄ catalogue; with the folder only the factor remains.
    expect(alone.ok).toBe(false);
    const withFolder = (await postJson(`${server.url}v1/validate`, { documents: [{ name: 'asv/2026.1/ruleset.json', text }], folder: true })).json();
    // Besides the errors, the notices of rules that wait for the host's master files (info).
    const notInfo = (list: { severity: string }[]) => list.filter((p) => p.severity !== 'info');
    expect(notInfo(withFolder.problems)).toEqual([
      expect.objectContaining({ file: 'asv/2026.1/ruleset.json', pointer: '/tables/asvFactors/rows/0/factor', line: 270, column: 11, severity: 'error', code: 'column-type' }),
    ]);
    const fixed = (await postJson(`${server.url}v1/validate`, { documents: [{ name: 'asv/2026.1/ruleset.json', text: text.replace('"1,2"', '"1.2"') }], folder: true })).json();
    expect(fixed.ok).toBe(true);
    expect(notInfo(fixed.problems)).toEqual([]);
    const tests = (await postJson(`${server.url}v1/validate`, { documents: [{ name: 'x.test.json', text: '{"kind":"test-cases","cases":[{"name":"a"}]}' }] })).json();
    expect(tests.problems[0]).toMatchObject({ file: 'x.test.json', code: 'schema', pointer: '/cases/0' });
    expect((await postJson(`${server.url}v1/validate`, { documents: [] })).status).toBe(400);
  });

  it('POST /v1/kvdt/check: findings as JSON Lines while the file is still arriving, then a summary', async () => {
    const r = await request(`${server.url}v1/kvdt/check`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Z01 });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/jsonl; charset=utf-8');
    const lines = r.text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ type: 'summary', bytes: Z01.length, lines: 1303, cases: 26, services: 112, fatal: false });
    // Streamed both ways: the first problem is answered before the rest of the file is sent.
    const broken = Buffer.concat([Buffer.from('0138000con0\r\n'), Z01]);
    const part = rawRequest(server.port, `POST /v1/kvdt/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${broken.length}\r\nConnection: close\r\n\r\n`);
    let seen = '';
    part.socket.on('data', (c: Buffer) => (seen += c.toString()));
    part.send(broken.subarray(0, 3000));
    await until(() => seen.includes('"type":"problem"'));
    expect(seen).not.toContain('"type":"summary"');
    part.send(broken.subarray(3000));
    expect(await part.reply).toContain('"type":"summary"');
  });

  it('a client that goes away mid-upload is logged as a cancelled request in one line, not as an internal error', async () => {
    const before = log.length;
    const upload = rawRequest(server.port, `POST /v1/kvdt/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 90000\r\n\r\n`);
    upload.send(Z01.subarray(0, 20_000));
    await new Promise((r) => setTimeout(r, 100));
    upload.socket.destroy();
    await until(() => log.length > before);
    expect(log.slice(before)).toEqual(['Anfrage abgebrochen: der Client hat die Verbindung getrennt (POST /v1/kvdt/check) / request cancelled: the client closed the connection (POST /v1/kvdt/check)']);
    const again = await request(`${server.url}v1/kvdt/check`, { method: 'POST', body: Z01 });
    expect(again.status).toBe(200);
  });

  it('POST /v1/kvdt/check over the limit: 413 before the answer began, an error line after', async () => {
    const big = Buffer.concat(Array.from({ length: 6 }, () => Z01)); // 119 KB, the limit is 100 KB
    const declared = await request(`${server.url}v1/kvdt/check`, { method: 'POST', body: big });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ code: 'body-too-large', limit: 100_000 });
    // Without a declared length the answer has begun (problems of the repeated file) when the limit is reached.
    const chunked = rawRequest(server.port, `POST /v1/kvdt/check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n`);
    for (let at = 0; at < big.length; at += 16_384) {
      const piece = big.subarray(at, at + 16_384);
      chunked.send(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]));
    }
    const answer = await chunked.reply;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    const lines = answer.split('\r\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('problem');
    expect(lines.at(-1)).toMatchObject({ type: 'error', problem: { status: 413, code: 'body-too-large', limit: 100_000 } });
  });

  it('POST /v1/test runs the expert test cases; GET /v1/rule-sets/{id}/{version}/diff compares with the previous version', async () => {
    const t = (await request(`${server.url}v1/test`, { method: 'POST' })).json();
    expect(t.failed).toBe(0);
    expect(t.passed).toBeGreaterThan(50);
    expect(t.cases[0]).toMatchObject({ file: expect.stringMatching(/\.test\.json$/), passed: true });
    const d = (await request(`${server.url}v1/rule-sets/hdrg/2026.1/diff`)).json();
    expect(d).toMatchObject({ ruleSet: 'hdrg@2026.1', base: 'hdrg@2025.1', baseFile: 'hdrg/2025.1/ruleset.json' });
    expect(d.diff.rules.added).toContain('hdrg.patient.minor');
    expect((await request(`${server.url}v1/rule-sets/asv/2026.1/diff`)).json()).toMatchObject({ base: null, diff: null });
    expect((await request(`${server.url}v1/rule-sets/asv/1999.1/diff`)).status).toBe(404);
  });
});

describe('pvs-rules serve: token', () => {
  const TOKEN = 'k7Vq2mZ9xR4tW8pL';
  it('refuses to listen beyond loopback without a token', async () => {
    expect(() => new Access('0.0.0.0', undefined)).toThrow(/--token/);
    expect(() => new Access('192.168.1.20', '')).toThrow(/--token/);
    expect(new Access('0.0.0.0', TOKEN).tokenRequired).toBe(true);
    await expect(startServer({ host: '::', watchIntervalMs: 0 })).rejects.toThrow(/--token/);
  });

  it('the command says why in German, then in English, one language per sentence; a token under 16 characters is refused, exit 2', async () => {
    const run = async (args: string[]) => {
      let err = '';
      const code = await runCli(['serve', ...args], { out: () => {}, err: (t) => (err += t), cwd: ROOT });
      return { code, err };
    };
    const none = await run(['--host', '0.0.0.0']);
    expect(none.code).toBe(2);
    const lines = none.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Start nicht möglich: .*--token/);
    expect(lines[1]).toMatch(/^Cannot start: .*--token/);
    expect(lines[0]).not.toMatch(/\b(Refusing|without|only|served)\b/);
    expect(lines[1]).not.toMatch(/\b(nicht|ohne|nur)\b/);
    for (const host of ['0.0.0.0', '127.0.0.1']) {
      const short = await run(['--host', host, '--token', 'short']);
      expect(short.code).toBe(2);
      expect(short.err).toMatch(/^Start nicht möglich: .*mindestens 16 Zeichen.*\nCannot start: .*at least 16 characters/);
      expect(short.err).not.toContain('short'); // the token itself is never echoed
    }
    expect(() => new Access('0.0.0.0', 'x'.repeat(15))).toThrow(/16/);
  });

  it('with a token every API request needs "Authorization: Bearer <token>"', async () => {
    const server = await startServer({ token: TOKEN, watchIntervalMs: 0 });
    try {
      const none = await postJson(`${server.url}v1/check`, KBV_ENTRY);
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="pvs-rules"');
      expect((await postJson(`${server.url}v1/check`, KBV_ENTRY, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await postJson(`${server.url}v1/check`, KBV_ENTRY, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('pvs-rules serve: a configuration that names nothing', () => {
  const run = async (args: string[]) => {
    let err = '';
    const code = await runCli(['serve', ...args], { out: () => {}, err: (t) => (err += t), cwd: ROOT });
    return { code, err };
  };

  it('a --rules folder or --context file that is not there (or not a folder/file) is refused at start, exit 2, German then English', async () => {
    const missing = await run(['--rules', 'no-such-folder']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('Start nicht möglich: Regelordner --rules no-such-folder gibt es nicht.\nCannot start: rule folder --rules no-such-folder does not exist.\n');
    const file = await run(['--rules', 'package.json']);
    expect(file.code).toBe(2);
    expect(file.err).toMatch(/^Start nicht möglich: Regelordner --rules package\.json ist kein Ordner\.\nCannot start: rule folder --rules package\.json is not a folder\.\n$/);
    const context = await run(['--context', 'examples/none.json']);
    expect(context.code).toBe(2);
    expect(context.err).toMatch(/Praxiskontext --context examples\/none\.json gibt es nicht\..*\n.*practice context --context examples\/none\.json does not exist/);
    expect((await run(['--context', 'examples'])).err).toMatch(/ist keine Datei.*\n.*is not a file/);
  });

  it('a first load that fails says there are no rule sets yet, not that the last good ones are kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-empty-'));
    writeFileSync(join(dir, 'broken.json'), '{"kind": "ruleset",');
    const log: string[] = [];
    const server = await startServer({ rulesDir: dir, watchIntervalMs: 0, log: (l) => log.push(l) });
    try {
      expect(log.join('\n')).toMatch(/^Laden fehlgeschlagen \(1 Fehler\), noch keine gültigen Regelwerke – broken\.json:1:/m);
      expect(log.join('\n')).not.toContain('bleiben in Gebrauch');
      expect((await postJson(`${server.url}v1/check`, KBV_ENTRY)).status).toBe(503);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pvs-rules serve: hot reload and graceful stop', () => {
  it('a bad reload keeps the last good rule sets and reports where; a good one replaces them', async () => {
    const { dir, rules } = scratchRules();
    const log: string[] = [];
    const server = await startServer({ rulesDir: rules, watchIntervalMs: 30, log: (l) => log.push(l) });
    try {
      const asv = join(rules, 'asv/2026.1/ruleset.json');
      const good = readFileSync(asv, 'utf8');
      writeFileSync(asv, good.replace('"factor": "1.2"', '"factor": "1,2"'));
      await until(async () => (await request(`${server.url}v1/rule-sets`)).json().status === 'stale');
      const state = (await request(`${server.url}v1/rule-sets`)).json();
      expect(state.generation).toBe(1);
      expect(state.problems.filter((p: { severity: string }) => p.severity !== 'info')).toEqual([expect.objectContaining({ file: 'asv/2026.1/ruleset.json', line: 270, column: 11, code: 'column-type' })]);
      const still = await postJson(`${server.url}v1/check`, KBV_ENTRY);
      expect(still.json().corrections[0].value).toBe('52458');
      expect(still.headers['pvs-rules-generation']).toBe('1');
      expect((await request(`${server.url}v1/health`)).json().status).toBe('degraded');
      expect(log.join('\n')).toContain('asv/2026.1/ruleset.json:270:11');
      // The console says what /v1/rule-sets says: the last good rule sets stay in use.
      expect(log.join('\n')).toMatch(/^Neu laden fehlgeschlagen \(1 Fehler\), die letzten gültigen Regelwerke bleiben in Gebrauch – asv\/2026\.1\/ruleset\.json:270:11 /m);
      expect(log.join('\n')).not.toContain('noch keine gültigen');
      writeFileSync(asv, good.replace('"factor": "1.2"', '"factor": "1.5"'));
      await until(async () => (await request(`${server.url}v1/rule-sets`)).json().generation === 2);
      const after = await postJson(`${server.url}v1/check`, KBV_ENTRY);
      expect(after.headers['pvs-rules-generation']).toBe('2');
      expect(after.json().corrections[0].value).toBe('65573'); // 437.15 € × 1.5
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('KVDT checks at once are limited: one more gets 503 busy with Retry-After; a slot is freed when a check ends or its client goes away', async () => {
    const server = await startServer({ limits: { kvdtChecks: 1 }, watchIntervalMs: 0 });
    const head = `POST /v1/kvdt/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${Z01.length}\r\nConnection: close\r\n\r\n`;
    try {
      const first = rawRequest(server.port, head);
      first.send(Z01.subarray(0, 5000));
      await until(() => server.inFlight === 1);
      const busy = await request(`${server.url}v1/kvdt/check?locale=en`, { method: 'POST', body: Z01 });
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBe('5');
      expect(busy.json()).toMatchObject({ code: 'busy', status: 503, limit: 1 });
      // Other routes are not limited.
      expect((await postJson(`${server.url}v1/check`, KBV_ENTRY)).status).toBe(200);
      first.send(Z01.subarray(5000));
      expect(await first.reply).toContain('"type":"summary"');
      await until(() => server.inFlight === 0);
      // A client that goes away mid-body frees its slot too.
      const gone = rawRequest(server.port, head);
      gone.send(Z01.subarray(0, 5000));
      await until(() => server.inFlight === 1);
      gone.socket.destroy();
      await until(() => server.inFlight === 0);
      const after = await request(`${server.url}v1/kvdt/check`, { method: 'POST', body: Z01 });
      expect(after.status).toBe(200);
      expect(after.text).toContain('"type":"summary"');
    } finally {
      await server.close();
    }
  });

  it('open connections are capped (limits.connections): one more is closed at once, the others still answered', async () => {
    const server = await startServer({ limits: { connections: 2 }, watchIntervalMs: 0 });
    const idle = (await import('node:net')).connect(server.port, '127.0.0.1');
    const held = rawRequest(server.port, `POST /v1/kvdt/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${Z01.length}\r\nConnection: close\r\n\r\n`);
    try {
      held.send(Z01.subarray(0, 5000));
      await until(() => server.inFlight === 1);
      await expect(request(`${server.url}v1/health`)).rejects.toThrow(/ECONNRESET|socket hang up/);
      held.send(Z01.subarray(5000));
      expect(await held.reply).toContain('"type":"summary"');
      idle.destroy();
      await until(async () => (await request(`${server.url}v1/health`).catch(() => ({ status: 0 }))).status === 200);
    } finally {
      idle.destroy();
      await server.close();
    }
  });

  it('a request in flight keeps the rule sets it started with across a reload; SIGTERM-style close finishes it', async () => {
    const { dir, rules } = scratchRules();
    const server = await startServer({ rulesDir: rules, watchIntervalMs: 0 });
    try {
      const inFlight = rawRequest(server.port, `POST /v1/kvdt/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${Z01.length}\r\n\r\n`);
      inFlight.send(Z01.subarray(0, 5000));
      await until(() => server.inFlight === 1);
      const asv = join(rules, 'asv/2026.1/ruleset.json');
      writeFileSync(asv, readFileSync(asv, 'utf8').replace('"factor": "1.2"', '"factor": "1.5"'));
      server.store.reload();
      expect(server.store.current?.generation).toBe(2);
      const closed = server.close();
      // Stopped taking connections, still answering the one it has.
      await expect(request(`${server.url}v1/health`)).rejects.toThrow(/ECONNREFUSED/);
      inFlight.send(Z01.subarray(5000));
      const answer = await inFlight.reply;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toMatch(/pvs-rules-generation: 1\r\n/);
      expect(answer).toContain('"type":"summary"');
      await closed;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pvs-rules serve (the command)', () => {
  it('prints its URL, and on SIGTERM finishes the request in hand, then exits 0', async () => {
    // The built CLI, as the package ships it (no TypeScript compiled in the child: half a second of CPU).
    const child = spawn(process.execPath, [built('dist/cli.mjs'), 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await until(() => /\n/.test(out), 20_000);
      const url = /^pvs-rules serve: (http:\/\/127\.0\.0\.1:(\d+)\/)\n$/.exec(out);
      expect(url, out + err).not.toBeNull();
      const body = JSON.stringify(KBV_ENTRY);
      const inFlight = rawRequest(Number(url![2]), `POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      inFlight.send(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      await until(() => err.includes('SIGTERM'));
      inFlight.send(body.slice(10));
      const answer = await inFlight.reply;
      expect(answer).toMatch(/^HTTP\/1\.1 200 [\s\S]*"value":"52458"/);
      expect(answer).toMatch(/connection: close/i);
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('pvs-rules serve --studio: files inside the rule folder only', () => {
  let server: RulesServer;
  let scratch: ReturnType<typeof scratchRules>;
  const outside = mkdtempSync(join(tmpdir(), 'pvs-rules-outside-'));
  beforeAll(async () => {
    scratch = scratchRules();
    writeFileSync(join(outside, 'secret.json'), '{"kind":"ruleset"}');
    symlinkSync(outside, join(scratch.rules, 'link-out'));
    symlinkSync(join(outside, 'secret.json'), join(scratch.rules, 'file-link.json'));
    server = await startServer({ rulesDir: scratch.rules, contextFile: scratch.context, studio: true, watchIntervalMs: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(scratch.dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const file = (path: string) => `${server.url}v1/files/${encodeURIComponent(path)}`;
  const put = (path: string, body: unknown) => request(file(path), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('checks with the practice context of --context (the KBV ADT file: one ASV-INDIKATION warning, line 104)', async () => {
    const r = await request(`${server.url}v1/kvdt/check`, { method: 'POST', body: Z01 });
    const findings = r.text.trimEnd().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'finding');
    expect(findings).toEqual([expect.objectContaining({ code: 'ASV-INDIKATION', severity: 'warning', line: 104, gop: '01100' })]);
  });

  it('lists the JSON documents (no symbolic links) and reads one', async () => {
    const list = (await request(`${server.url}v1/files`)).json();
    expect(list.writable).toBe(true);
    const paths = list.files.map((f: { path: string }) => f.path);
    expect(paths).toContain('asv/2026.1/ruleset.json');
    expect(paths).toContain('asv/2026.1/tests/anlage5.test.json');
    expect(paths.some((p: string) => p.includes('link') || p.includes('secret'))).toBe(false);
    expect(list.files.find((f: { path: string }) => f.path === 'catalogues/goae.json').kind).toBe('catalogue');
    const one = (await request(file('kvdt/2026.1/ruleset.json'))).json();
    expect(one.text).toBe(readFileSync(join(scratch.rules, 'kvdt/2026.1/ruleset.json'), 'utf8'));
  });

  it('refuses paths out of the folder: "..", absolute, backslashes, symbolic links — for reading and writing', async () => {
    for (const path of ['../outside.json', 'asv/../../x.json', '/etc/passwd.json', 'C:/x.json', 'asv\\x.json', 'link-out/secret.json', 'file-link.json', '.hidden.json', 'asv/2026.1/ruleset.txt']) {
      const w = await put(path, { text: '{}', force: true });
      expect(w.status, path).toBe(403);
      expect(w.json().code).toBe('path-refused');
      expect((await request(file(path))).status, path).toBe(403);
    }
    // Unencoded, the raw path is matched before any normalization.
    const raw = rawRequest(server.port, `GET /v1/files/../../etc/x.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(await raw.reply).toMatch(/^HTTP\/1\.1 403 [\s\S]*"code":"path-refused"/);
    expect(readFileSync(join(outside, 'secret.json'), 'utf8')).toBe('{"kind":"ruleset"}');
  });

  it('a refused path says why in words that fit reading as well as saving, German and English', async () => {
    const detail = async (path: string, locale: string) => [(await request(`${file(path)}?locale=${locale}`)).json().detail, (await request(`${file(path)}?locale=${locale}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"text":"{}"}' })).json().detail];
    expect(await detail('asv/../../x.json', 'de')).toEqual(Array(2).fill('Pfade aus dem Regelordner hinaus ("..") sind nicht erlaubt.'));
    expect(await detail('asv/../../x.json', 'en')).toEqual(Array(2).fill('Paths out of the rule folder ("..") are not allowed.'));
    expect(await detail('asv/2026.1/ruleset.txt', 'de')).toEqual(Array(2).fill('Nur .json-Dateien im Regelordner können gelesen und gespeichert werden.'));
    expect(await detail('asv/2026.1/ruleset.txt', 'en')).toEqual(Array(2).fill('Only .json files in the rule folder can be read and saved.'));
  });

  it('POST /v1/test runs no case file reached through a link out of the folder (as rule loading reads none)', async () => {
    const own = (await request(`${server.url}v1/test`, { method: 'POST' })).json();
    writeFileSync(join(outside, 'linked.test.json'), readFileSync(join(scratch.rules, 'kvdt/2026.1/tests/felder.test.json')));
    try {
      const after = (await request(`${server.url}v1/test`, { method: 'POST' })).json();
      expect(after.cases.filter((c: { file: string }) => c.file.startsWith('link-out/'))).toEqual([]);
      expect(after.cases.length).toBe(own.cases.length);
    } finally {
      rmSync(join(outside, 'linked.test.json'));
    }
  });

  it('POST /v1/test with a case file that vanishes while it is read (or a dangling link) is 409 naming the file, not 500', async () => {
    // A file removed between listing the folder and reading it fails as a dangling link does (ENOENT at its path).
    const link = join(scratch.rules, 'kvdt/2026.1/tests/weg.test.json');
    symlinkSync('verschwunden.test.json', link);
    try {
      const de = await request(`${server.url}v1/test`, { method: 'POST' });
      expect([de.status, de.json().code, de.json().file]).toEqual([409, 'unreadable-file', 'kvdt/2026.1/tests/weg.test.json']);
      expect(de.json().detail).toBe('kvdt/2026.1/tests/weg.test.json: nicht lesbar (ENOENT); es wurde kein Testfall ausgeführt. Wurde die Datei eben entfernt oder umbenannt, bitte erneut ausführen.');
      const en = (await request(`${server.url}v1/test?locale=en`, { method: 'POST' })).json();
      expect(en.detail).toBe('kvdt/2026.1/tests/weg.test.json: cannot be read (ENOENT); no test case was run. If the file was just removed or renamed, run the tests again.');
    } finally {
      rmSync(link);
    }
    expect((await request(`${server.url}v1/test`, { method: 'POST' })).status).toBe(200);
  });

  it('a file name over 200 bytes is refused with 400 and says why, for saving and reading', async () => {
    const long = `${'a'.repeat(295)}.json`;
    const w = await put(long, { text: '{}', force: true });
    expect(w.status).toBe(400);
    expect(w.json()).toMatchObject({ code: 'bad-request', detail: 'Ein Datei- oder Ordnername ist zu lang (höchstens 200 Bytes je Name).' });
    expect((await request(`${file(`asv/${long}`)}?locale=en`)).json().detail).toBe('A file or folder name is too long (at most 200 bytes a name).');
    expect((await request(file(`asv/${'b'.repeat(195)}.json`))).status).toBe(404); // a name within the limit: looked for
  });

  it('saves only a valid document (or with force), atomically, and reloads at once', async () => {
    const path = 'asv/2026.1/ruleset.json';
    const good = readFileSync(join(scratch.rules, path), 'utf8');
    const bad = good.replace('"factor": "1.2"', '"factor": "1,2"');
    const refused = await put(path, { text: bad });
    expect(refused.status).toBe(422);
    expect(refused.json().problems.find((p: { severity: string }) => p.severity === 'error')).toMatchObject({ file: path, line: 270, column: 11 });
    expect(readFileSync(join(scratch.rules, path), 'utf8')).toBe(good);
    const forced = await put(path, { text: bad, force: true });
    expect(forced.json()).toMatchObject({ saved: true, forced: true });
    expect(readFileSync(join(scratch.rules, path), 'utf8')).toBe(bad);
    expect((await request(`${server.url}v1/rule-sets`)).json().status).toBe('stale');
    const fixed = await put(path, { text: good.replace('"factor": "1.2"', '"factor": "1.5"') });
    expect(fixed.json()).toMatchObject({ saved: true, forced: false });
    expect((await request(`${server.url}v1/rule-sets`)).json()).toMatchObject({ status: 'ok', generation: 2 });
    const cases = readFileSync(join(scratch.rules, 'kvdt/2026.1/tests/felder.test.json'), 'utf8');
    const created = await put('kvdt/2026.1/more/copy.test.json', { text: cases });
    expect(created.status).toBe(200);
    expect(readFileSync(join(scratch.rules, 'kvdt/2026.1/more/copy.test.json'), 'utf8')).toBe(cases);
  });

  it('without --rules the bundled files are read-only', async () => {
    const bundled = await startServer({ studio: true, watchIntervalMs: 0 });
    try {
      expect((await request(`${bundled.url}v1/files`)).json().writable).toBe(false);
      const r = await request(`${bundled.url}v1/files/${encodeURIComponent('kvdt/2026.1/ruleset.json')}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"text":"{}"}' });
      expect(r.status).toBe(403);
      expect(r.json().code).toBe('read-only');
    } finally {
      await bundled.close();
    }
  });
});
