/**
 * `npm run fuzz`: 1,000,000 random and adversarial entries (test/arbitraries.ts, seeded)
 * through the compiled checker on the bundled rule sets, one by one and as batches. Any
 * exception escaping `check`/`checkAll` fails the run. The CI suite runs the same property
 * with a small budget (test/checker.test.ts).
 */
import fc from 'fast-check';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';
import { hostileEntry } from '../test/arbitraries';

const TOTAL = Number(process.env['FUZZ_ENTRIES'] ?? 1_000_000);
const loaded = loadRuleSets(readRuleSources([BUNDLED_RULES_DIR]));
if (!loaded.ok) throw new Error('bundled rule sets do not load');
const checker = createChecker({ ruleSets: loaded.bundle });

const BATCH = 10_000;
let done = 0;
let findings = 0;
const t0 = Date.now();
for (let seed = 1; done < TOTAL; seed++) {
  const entries = fc.sample(hostileEntry, { numRuns: Math.min(BATCH, TOTAL - done), seed });
  for (const e of entries) findings += checker.check(e).findings.length;
  findings += checker.checkAll(entries).length;
  done += entries.length;
  if (process.stdout.isTTY) process.stdout.write(`\r${done.toLocaleString('en-US')} entries`);
}
console.log(`\n${done.toLocaleString('en-US')} hostile entries checked singly and in batches of ${BATCH.toLocaleString('en-US')}, no exception (${findings.toLocaleString('en-US')} findings/results) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
