/**
 * The entries of a case as the KVDT reader builds them are checked as one group whose
 * case-level parts (patient, diagnoses, case) are copied once (src/facts/case-group.ts). These
 * tests hold that path to the entry-by-entry copy: the same results, input findings included.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../plugin-api/index';
import type { Checker } from '../plugin-api/types';
import { markCaseGroup } from '../src/facts/case-group';
import { sharedCopies } from '../src/kvdt/shared-copies';
import { writeQuarterFile } from '../bench/kvdt-workload';
import { bundledSources, checker, demoRuleSet, mustLoad, ROOT } from './helpers';
import { mappedRecords, tempDir } from './kvdt-helpers';

/** The entries of each case record of a file, as the file check builds them. */
const caseGroups = (bytes: Uint8Array): unknown[][] => mappedRecords(bytes).map((services) => services.map((s) => s.entry));

/** Each group checked marked in one stream session and unmarked in another: the results side by side. */
function bothWays(c: Checker, groups: unknown[][]): { marked: unknown[]; plain: unknown[] } {
  const a = c.stream();
  const b = c.stream();
  const marked: unknown[] = [];
  const plain: unknown[] = [];
  for (const g of groups) {
    const list = [...g];
    markCaseGroup(list, sharedCopies);
    marked.push(a.check(list));
    plain.push(b.check([...g]));
  }
  return { marked, plain };
}

describe('KVDT case groups: shared case-level copies', () => {
  it('the KBV test files, the sample and generated quarters check exactly as entry by entry', () => {
    const dir = tempDir();
    try {
      const files = ['test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con', 'test/fixtures/kvdt/Z30123456699_27.10.2025_12.00.con', 'examples/kvdt/asv-beispiel.con'].map((f) => readFileSync(join(ROOT, f)));
      for (const everyCase of [false, true]) {
        const path = join(dir, `q${everyCase}.con`);
        writeQuarterFile(path, 400_000, { everyCase, seed: 7 });
        files.push(readFileSync(path));
      }
      const c = checker();
      let findings = 0;
      for (const file of files) {
        const groups = caseGroups(file);
        expect(groups.length).toBeGreaterThan(0);
        const { marked, plain } = bothWays(c, groups);
        expect(marked).toEqual(plain);
        findings += (plain as { findings: unknown[] }[][]).flat().reduce((n, r) => n + r.findings.length, 0);
      }
      // Not vacuous: the files give findings.
      expect(findings).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('input problems of the shared parts come with every entry, and a case read whole or by serviceIndex is read per entry', () => {
    const patient = { birthDate: 19700101, sex: 'W', id: 'P1' };
    const diagnoses = [{ icd: 'I10.90', certainty: 'G' }, 'kein Objekt', { icd: 7 }];
    const kase = (serviceIndex?: number) => ({
      recordType: '0101',
      insurerIk: '104212505',
      referral: { '4218': '397604800' },
      participations: 'keine Liste',
      practiceTeamNumbers: Array.from({ length: 1001 }, (_, i) => String(i)),
      quarter: '22026',
      ...(serviceIndex === undefined ? {} : { serviceIndex }),
    });
    const group = (caseOf: (i: number) => unknown) => [0, 1, 2].map((i) => ({ date: '2026-04-14', gop: i === 1 ? '01234' : '03000', patient, diagnoses, case: caseOf(i) }));
    const groups = [group((i) => kase(i === 0 ? undefined : i)), group(() => 'kein Objekt'), group((i) => (i === 0 ? kase() : { ...kase(i), quarter: '12026' }))];
    // A rule set whose rule reads the case whole and its serviceIndex by path; one that asks only whether an entry heads its case.
    const demo = (rule: Record<string, unknown>) => createChecker({ ruleSets: mustLoad([...bundledSources(), { name: 'demo/2026.1/ruleset.json', text: JSON.stringify(demoRuleSet({ rules: [rule] })) }]) });
    const message = { de: 'D', en: 'E' };
    const wholeCase = demo({
      name: 'demo.case',
      conditions: { all: [{ fact: 'case', path: '$.serviceIndex', operator: 'equal', value: 1 }] },
      event: { type: 'finding', params: { code: 'DEMO', severity: 'info', message: { de: 'D {c}', en: 'E {c}' }, fields: ['5001'], source: 'Test', c: { fact: 'case' } } },
    });
    const head = demo({ name: 'demo.head', conditions: { all: [{ fact: 'caseHead', operator: 'equal', value: true }] }, event: { type: 'finding', params: { code: 'DEMO', severity: 'info', message, fields: ['5001'], source: 'Test' } } });
    for (const c of [checker(), wholeCase, head]) {
      const { marked, plain } = bothWays(c, groups);
      expect(marked).toEqual(plain);
      const codes = (plain[0] as { findings: { code: string }[] }[]).map((r) => r.findings.map((f) => f.code));
      // Each entry has the input findings of the shared parts (diagnoses, patient, case).
      for (const list of codes) expect(list.filter((x) => x === 'INPUT-FELD').length).toBeGreaterThanOrEqual(4);
    }
    const fired = (c: Checker) => (bothWays(c, groups).marked[0] as { findings: { code: string }[] }[]).map((r) => r.findings.some((f) => f.code === 'DEMO'));
    expect(fired(wholeCase)).toEqual([false, true, false]);
    expect(fired(head)).toEqual([true, false, false]);
  });
});
