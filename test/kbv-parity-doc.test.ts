/**
 * docs/kbv-parity.md against what the rule sets and the code do: a rule set that carries a KBV
 * number the page does not list, or a page that claims a rule covered that no rule carries (or
 * with another severity), fails here. The page's DSB status and XPM type are held against the
 * table of KBV numbers in src/kbv/kvdt-rules.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../plugin-api/types';
import { KBV_RULES, kbvSeverity } from '../src/kbv/kvdt-rules';
import { ROOT } from './helpers';

interface Row {
  number: string;
  line: number;
  dsb: string;
  xpm: string;
  status: string;
}

const DOC = readFileSync(join(ROOT, 'docs/kbv-parity.md'), 'utf8');

/** Every table row whose first cell is a KBV number or an XPM message name. */
function rows(text: string): Row[] {
  const out: Row[] = [];
  text.split('\n').forEach((l, i) => {
    const cells = l.split('|').map((c) => c.trim());
    if (cells.length !== 8 || cells[0] !== '' || cells[7] !== '' || !/^(\d{3}[a-z]?|[A-Z][A-Z0-9]+)$/.test(cells[1]!) || cells[1] === 'KBV') return;
    out.push({ number: cells[1]!, line: i + 1, dsb: cells[4]!, xpm: cells[5]!, status: cells[6]! });
  });
  return out;
}

interface CarriedRule {
  file: string;
  name: string;
  kbvRule: string;
  severity: Severity;
  deviation: boolean;
}

/** Every finding rule with a KBV number in rules/**\/ruleset.json, as written (inherited rules are in their base version). */
function carriedRules(): CarriedRule[] {
  const out: CarriedRule[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'ruleset.json') {
        const doc = JSON.parse(readFileSync(path, 'utf8')) as { rules?: { name: string; event: { type: string; params: Record<string, unknown> } }[] };
        for (const r of doc.rules ?? []) {
          const p = r.event.params;
          if (r.event.type !== 'finding' || typeof p['kbvRule'] !== 'string') continue;
          const kbvRule = p['kbvRule'];
          out.push({ file: path.slice(ROOT.length), name: r.name, kbvRule, severity: (p['severity'] as Severity | undefined) ?? kbvSeverity(kbvRule)!, deviation: p['kbvDeviation'] !== undefined });
        }
      }
    }
  };
  walk(join(ROOT, 'rules'));
  return out;
}

const SEVERITY = /^(error|warning|info)$/;
/** `name` (severity) claims in a status cell: rule names and code paths. */
function claims(status: string): { token: string; severity: string }[] {
  return [...status.matchAll(/`([^`]+)` \((error|warning|info)[);,]/g)].map((m) => ({ token: m[1]!, severity: m[2]! }));
}
const isRuleName = (token: string) => /^(asv|hdrg|kvdt|bv)\.[a-z0-9.-]+$/.test(token);
const LETTER: Record<string, Severity> = { F: 'error', W: 'warning', I: 'info' };
const TYPE: Record<string, Severity> = { Fehler: 'error', Warnung: 'warning', Info: 'info' };

describe('docs/kbv-parity.md', () => {
  const table = rows(DOC);
  const carried = carriedRules();

  it('lists the KBV rules in scope (both DSB tables and the XPM messages)', () => {
    expect(table.length).toBeGreaterThan(90);
    for (const n of ['059', '789', '836', '857', '017', '539', '999', '705', 'SATZBESAHDRG', 'FILEHDRG']) expect(table.some((r) => r.number === n)).toBe(true);
    for (const r of table) expect(r.status, `line ${r.line}`).toMatch(/^(covered|differs|not covered)\b/);
  });

  it('lists every KBV number a rule set carries, and names every rule that carries it', () => {
    expect(carried.length).toBeGreaterThan(30);
    const missing = carried.filter((c) => !table.some((r) => r.number === c.kbvRule && /^(covered|differs)/.test(r.status) && claims(r.status).some((x) => x.token === c.name)));
    expect(missing.map((c) => `${c.file}: ${c.name} (${c.kbvRule})`)).toEqual([]);
  });

  it('claims a rule covered only where that rule carries the row\'s number, with the severity written there', () => {
    const wrong: string[] = [];
    for (const r of table) {
      const cs = claims(r.status);
      if (/^(covered|differs)/.test(r.status) && cs.length === 0) wrong.push(`line ${r.line}: ${r.number} says covered but names no rule or code`);
      if (!/^(covered|differs)/.test(r.status)) continue;
      for (const c of cs) {
        if (isRuleName(c.token)) {
          const found = carried.filter((x) => x.name === c.token && x.kbvRule === r.number);
          if (found.length === 0) wrong.push(`line ${r.line}: no rule ${c.token} carries ${r.number}`);
          for (const f of found) if (f.severity !== c.severity) wrong.push(`line ${r.line}: ${c.token} reports ${f.severity}, the page says ${c.severity}`);
          const kbv = kbvSeverity(r.number);
          const differs = r.status.startsWith('differs');
          for (const f of found) if (kbv !== null && (f.severity !== kbv) !== differs) wrong.push(`line ${r.line}: ${c.token} ${differs ? 'is said to differ but reports' : 'reports'} ${f.severity}, the KBV ${kbv}`);
          for (const f of found) if (differs && !f.deviation) wrong.push(`line ${r.line}: ${c.token} differs without kbvDeviation`);
        } else {
          // Code: the file exists and names the rule (its number in quotes, or the message name).
          const path = join(ROOT, c.token);
          const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
          if (!text.includes(/^\d/.test(r.number) ? `'${r.number}'` : r.number)) wrong.push(`line ${r.line}: ${c.token} does not check ${r.number}`);
          if (/^\d/.test(r.number) && kbvSeverity(r.number) !== c.severity) wrong.push(`line ${r.line}: code reports the KBV's ${kbvSeverity(r.number)}, the page says ${c.severity}`);
        }
        if (!SEVERITY.test(c.severity)) wrong.push(`line ${r.line}: severity ${c.severity}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names only rules that exist, also where it mentions them', () => {
    const names = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name === 'ruleset.json') for (const r of (JSON.parse(readFileSync(path, 'utf8')) as { rules?: { name: string }[] }).rules ?? []) names.add(r.name);
      }
    };
    walk(join(ROOT, 'rules'));
    const mentioned = [...DOC.matchAll(/`([a-z0-9]+\.[a-z0-9.-]+)`/g)].map((m) => m[1]!).filter(isRuleName);
    expect(mentioned.length).toBeGreaterThan(40);
    expect(mentioned.filter((n) => !names.has(n))).toEqual([]);
  });

  it('has the numbers of src/kbv/kvdt-rules.ts and no other, with the same DSB status and XPM type', () => {
    const wrong: string[] = [];
    for (const r of table) if (/^\d/.test(r.number) && !Object.prototype.hasOwnProperty.call(KBV_RULES, r.number)) wrong.push(`line ${r.line}: ${r.number} is not in src/kbv/kvdt-rules.ts`);
    for (const [number, rule] of Object.entries(KBV_RULES)) {
      const mine = table.filter((r) => r.number === number);
      if (mine.length === 0) wrong.push(`${number} missing`);
      for (const r of mine) {
        const dsb = LETTER[r.dsb.split(' ')[0]!] ?? null;
        const xpm = TYPE[r.xpm] ?? null;
        if (dsb !== rule.dsb || xpm !== rule.xpm) wrong.push(`line ${r.line}: ${number} DSB ${r.dsb} / XPM ${r.xpm}, the table ${rule.dsb} / ${rule.xpm}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('fails on a page that misses a carried number or claims a rule nobody carries (the test can fail)', () => {
    const without = rows(DOC.replace(/^\| 896 \|.*$/m, ''));
    expect(without.some((r) => r.number === '896')).toBe(false);
    expect(carried.some((c) => c.kbvRule === '896' && !without.some((r) => r.number === c.kbvRule))).toBe(true);
    const forged = rows(DOC.replace('| 017 | 4104 | Billing VKNR is `nnmmm` with a known KV code | F | Fehler | not covered', '| 017 | 4104 | x | F | Fehler | covered: `hdrg.ventilation` (warning)'));
    const row = forged.find((r) => r.number === '017')!;
    expect(claims(row.status)).toEqual([{ token: 'hdrg.ventilation', severity: 'warning' }]);
    expect(carried.some((c) => c.name === 'hdrg.ventilation' && c.kbvRule === '017')).toBe(false);
  });
});
