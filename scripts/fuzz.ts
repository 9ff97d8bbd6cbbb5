/**
 * `npm run fuzz`: 1,000,000 random and adversarial entries (fast-check generators, seeded)
 * through the compiled checker on the bundled rule sets, one by one and as batches. Any
 * exception escaping `check`/`checkAll` fails the run. The CI suite runs the same property
 * with a small budget (test/checker.test.ts).
 */
import fc from 'fast-check';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';

const TOTAL = Number(process.env['FUZZ_ENTRIES'] ?? 1_000_000);
const loaded = loadRuleSets(readRuleSources([BUNDLED_RULES_DIR]));
if (!loaded.ok) throw new Error('bundled rule sets do not load');
const checker = createChecker({ ruleSets: loaded.bundle });

const date = fc.oneof(fc.constantFrom('2019-01-04', '2024-05-06', '2025-10-05', '2026-04-14', '2026-02-29', '9999-99-99', ''), fc.string(), fc.double(), fc.constant(1e308));
const hostile = fc.oneof(
  fc.anything({ withBigInt: false, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  fc.record(
    {
      date,
      gop: fc.oneof(fc.constantFrom('88500', 'G24M', 'BV001', '31102', '83003', '__proto__', 'constructor', ''), fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)),
      teamNumber: fc.oneof(fc.constantFrom('001234577', '001234566'), fc.string(), fc.double(), fc.constant({})),
      lanr: fc.oneof(fc.constantFrom('776299002', '633116027'), fc.anything()),
      costs: fc.oneof(fc.array(fc.oneof(fc.anything(), fc.record({ description: fc.oneof(fc.constantFrom('5489', '5488'), fc.string(), fc.double()), cents: fc.oneof(fc.double(), fc.string(), fc.constant(Number.NaN), fc.constant(1e308)) }))), fc.string(), fc.constant(null)),
      patient: fc.oneof(fc.anything(), fc.record({ insuranceNumber: fc.string(), birthDate: date })),
      case: fc.oneof(fc.anything(), fc.record({ insurerIk: fc.anything(), participations: fc.anything(), referral: fc.anything() })),
      ops: fc.anything(),
      diagnoses: fc.anything(),
      hybridDrg: fc.oneof(fc.anything(), fc.record({ code: fc.oneof(fc.string(), fc.constantFrom('G24M', '__proto__')), start: date, end: date, opDate: date, ventilationHours: fc.oneof(fc.double(), fc.string()) }, { requiredKeys: [] })),
      huge: fc.constant('x'.repeat(100_000)),
    },
    { requiredKeys: [] },
  ),
);

const BATCH = 10_000;
let done = 0;
let findings = 0;
const t0 = Date.now();
for (let seed = 1; done < TOTAL; seed++) {
  const entries = fc.sample(hostile, { numRuns: Math.min(BATCH, TOTAL - done), seed });
  for (const e of entries) findings += checker.check(e).findings.length;
  findings += checker.checkAll(entries).length;
  done += entries.length;
  if (process.stdout.isTTY) process.stdout.write(`\r${done.toLocaleString('en-US')} entries`);
}
console.log(`\n${done.toLocaleString('en-US')} hostile entries checked singly and in batches of ${BATCH.toLocaleString('en-US')}, no exception (${findings.toLocaleString('en-US')} findings/results) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
