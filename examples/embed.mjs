import { createChecker, loadBundledRuleSets } from 'pvs-rules';

// Once, at start: the rule sets, the GOÄ catalogue and the contracts that ship in the package
// (own documents, e.g. a real § 140a contract, go in as loadBundledRuleSets([{ name, text }])).
const loaded = loadBundledRuleSets();
if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('\n'));
const checker = createChecker({ ruleSets: loaded.bundle, locale: 'de' });

// At service entry: the KBV example, an ASV pseudo-GOP whose price (FK 5012) is missing.
const { findings, corrections } = checker.check({ date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] });
for (const f of findings) console.log(`${f.severity} ${f.code} [FK ${f.fields.join(', ')}] ${f.message}`);
for (const c of corrections) console.log(`FK ${c.field} (pair ${c.index + 1}) = ${c.value}  rule ${c.ruleId}`);
// error ASV-5012-FEHLT [FK 5012] …
// FK 5012 (pair 1) = 52458  rule asv.5012.set-price
