/**
 * What editors and experts learn about facts and operators, generated from the fact registry
 * (src/facts) and the operator table (src/compile/operators.ts): the enums of fact names and
 * operators in schemas/ruleset.schema.json — with descriptions VS Code shows while completing
 * `"fact": "` — each fact's params, and docs/facts.md. `npm run gen:facts` writes them; a test
 * fails when the committed files differ from what this produces.
 */
import { FACTS, type FactDefinition } from '../src/facts/facts';
import { FACT_DOCS, FACT_PARAM_DOCS } from '../src/facts/fact-docs';
import { DECORATOR_NAMES, OPERATOR_NAMES } from '../src/compile/operators';

type Json = Record<string, unknown>;

const OPERATOR_DOCS: Record<string, [string, string]> = {
  equal: ['gleich (streng: "52458" ist nicht 52458)', 'equal (strict: "52458" is not 52458)'],
  notEqual: ['ungleich (streng)', 'not equal (strict)'],
  in: ['der Fakt ist einer der Werte der Liste', 'the fact is one of the values of the list'],
  notIn: ['der Fakt ist keiner der Werte der Liste', 'the fact is none of the values of the list'],
  contains: ['die Liste des Fakts enthält den Wert', "the fact's list contains the value"],
  doesNotContain: ['die Liste des Fakts enthält den Wert nicht', "the fact's list does not contain the value"],
  lessThan: ['kleiner als (nur Zahlen)', 'less than (numbers only)'],
  lessThanInclusive: ['kleiner oder gleich', 'less than or equal'],
  greaterThan: ['größer als (nur Zahlen)', 'greater than (numbers only)'],
  greaterThanInclusive: ['größer oder gleich', 'greater than or equal'],
};
const DECORATOR_DOCS: Record<string, [string, string]> = {
  someFact: ['mindestens ein Element der Liste des Fakts erfüllt', "some item of the fact's list satisfies"],
  everyFact: ['jedes Element der Liste des Fakts erfüllt', "every item of the fact's list satisfies"],
  someValue: ['der Fakt erfüllt mit mindestens einem Wert der Liste', 'the fact satisfies it with some value of the list'],
  everyValue: ['der Fakt erfüllt mit jedem Wert der Liste', 'the fact satisfies it with every value of the list'],
  swap: ['Fakt und Wert vertauscht', 'fact and value swapped'],
  not: ['verneint', 'negated'],
};

const both = (de: string, en: string) => `${de} / ${en}`;

/** What a fact is null without (FactDefinition.nullWithout), in words. */
const NULL_WITHOUT: Record<NonNullable<FactDefinition['nullWithout']>[number], string> = {
  teamNumber: 'Teamnummer (FK 5100) / team number',
  hybridDrg: 'Hybrid-DRG-Fall / Hybrid-DRG case',
  context: 'Praxiskontext / practice context',
  record: 'Angabe des KVDT-Satzes (case.recordType) / the KVDT record (case.recordType)',
  first: 'erste Leistung des Falls / the first service of the case',
  pseudoLanr: 'Pseudo-LANR (FK 5101) / pseudo-LANR (FK 5101)',
  material: 'Paar mit FK 5074/5075 / a pair with FK 5074/5075',
};

/** What a fact is (src/facts/fact-docs.ts); a fact without its text fails here, loudly. */
function docOf(f: FactDefinition): { de: string; en: string } {
  const doc = FACT_DOCS[f.id];
  if (!doc) throw new Error(`src/facts/fact-docs.ts: no text for fact ${f.id}`);
  return doc;
}

/** What a fact's param means (src/facts/fact-docs.ts); a param without its text fails here, loudly. */
function paramDocOf(f: FactDefinition, name: string): { de: string; en: string } {
  const doc = FACT_PARAM_DOCS[f.id]?.[name];
  if (!doc) throw new Error(`src/facts/fact-docs.ts: no text for param ${name} of fact ${f.id}`);
  return doc;
}

/** The sentence a fact is described by in the schema: what it is, its params and parameters. */
function factText(f: FactDefinition, lang: 'de' | 'en'): string {
  const parts = [docOf(f)[lang]];
  if (f.scope === 'cost') parts.push(lang === 'de' ? 'nur in Regeln mit "scope": "cost"' : 'only in rules with "scope": "cost"');
  const params = Object.keys(f.params ?? {});
  if (params.length) parts.push(`params: ${params.join(', ')}`);
  if (f.parameters?.length) parts.push(`${lang === 'de' ? 'Parameter des Regelwerks' : "rule-set parameters"}: ${f.parameters.map((p) => p.name).join(', ')}`);
  return parts.join('. ');
}

const facts = () => [...FACTS.values()];

/** Operators the enum lists: each plain, and each with one decorator (longer chains match the pattern). */
function operators(): { name: string; de: string; en: string }[] {
  const out = OPERATOR_NAMES.map((o) => ({ name: o, de: OPERATOR_DOCS[o]![0], en: OPERATOR_DOCS[o]![1] }));
  for (const d of DECORATOR_NAMES) for (const o of OPERATOR_NAMES) out.push({ name: `${d}:${o}`, de: `${OPERATOR_DOCS[o]![0]}; ${DECORATOR_DOCS[d]![0]}`, en: `${OPERATOR_DOCS[o]![1]}; ${DECORATOR_DOCS[d]![1]}` });
  return out;
}

/** The generated definitions of schemas/ruleset.schema.json: factName, operatorName, factParams. */
export function schemaDefinitions(): Json {
  const list = facts();
  const withParams = list.filter((f) => f.params && Object.keys(f.params).length);
  const ops = operators();
  const chain = `^((${DECORATOR_NAMES.join('|')}):){2,}(${OPERATOR_NAMES.join('|')})$`;
  return {
    factName: {
      description: both('Fakt: was die Regel von der Leistung wissen will (Liste: docs/facts.md)', 'fact: what the rule asks of the service entry (list: docs/facts.md)'),
      enum: list.map((f) => f.id),
      enumDescriptions: list.map((f) => both(factText(f, 'de'), factText(f, 'en'))),
      markdownEnumDescriptions: list.map((f) => `${factText(f, 'de')}\n\n*${factText(f, 'en')}*`),
    },
    operatorName: {
      description: both('Operator von json-rules-engine, auch mit Dekorator (z. B. everyFact:notEqual)', 'json-rules-engine operator, also with a decorator (e.g. everyFact:notEqual)'),
      anyOf: [
        { enum: ops.map((o) => o.name), enumDescriptions: ops.map((o) => both(o.de, o.en)), markdownEnumDescriptions: ops.map((o) => `${o.de}\n\n*${o.en}*`) },
        { type: 'string', pattern: chain },
      ],
    },
    // One guard before the facts' own: most conditions name a fact without params, and each
    // failing `if` costs the generated validator an error object (a third of a load's validation).
    factParams: {
      description: both('Die params jedes Fakts', "Each fact's params"),
      if: { type: 'object', properties: { fact: { enum: withParams.map((f) => f.id) } }, required: ['fact'] },
      then: {
        allOf: withParams.map((f) => ({
          if: { type: 'object', properties: { fact: { const: f.id } }, required: ['fact'] },
          then: {
            type: 'object',
            properties: {
              params: {
                type: 'object',
                description: both(`params von ${f.id}`, `params of ${f.id}`),
                properties: Object.fromEntries(
                  Object.entries(f.params!).map(([name, spec]) => {
                    const doc = paramDocOf(f, name);
                    return [name, { type: spec.type, ...(spec.values ? { enum: [...spec.values] } : {}), description: both(doc.de, doc.en) }];
                  }),
                ),
              },
            },
          },
        })),
      },
    },
  };
}

/** schemas/ruleset.schema.json with its generated definitions replaced (the rest as written). */
export function rulesetSchema(current: string): string {
  const schema = JSON.parse(current) as { definitions: Json };
  schema.definitions = { ...schema.definitions, ...schemaDefinitions() };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/facts.md: every fact and operator, German first. */
export function factsMarkdown(): string {
  const lines = [
    '# Fakten und Operatoren / Facts and operators',
    '',
    '<!-- Erzeugt von npm run gen:facts aus src/facts und src/compile/operators.ts; nicht von Hand ändern. / Generated by npm run gen:facts; do not edit. -->',
    '',
    'Eine Bedingung fragt einen Fakt ab: `{"fact": "…", "operator": "…", "value": …}`, mit `params`, wo der Fakt welche nimmt, und `path` für einen Teil seines Werts (`$.status`). Einen Parameter des Regelwerks vergleicht man mit `"value": {"param": "Name"}`.',
    '',
    '*A condition asks a fact: `{"fact": "…", "operator": "…", "value": …}`, with `params` where the fact takes them and `path` for part of its value (`$.status`). Compare with a rule-set parameter by `"value": {"param": "name"}`.*',
    '',
    '## Fakten / Facts',
    '',
  ];
  for (const f of facts()) {
    lines.push(`### \`${f.id}\``, '');
    lines.push(`${docOf(f).de}.`, '', `*${docOf(f).en}.*`, '');
    const notes: string[] = [];
    notes.push(f.scope === 'cost' ? 'Nur in Regeln mit `"scope": "cost"` (je 5011/5012-Paar). / *Only in rules with `"scope": "cost"` (per 5011/5012 pair).*' : 'Je Leistung. / *Per service entry.*');
    if (f.nullWithout?.length) notes.push(`\`null\` ohne / *null without*: ${f.nullWithout.map((n) => NULL_WITHOUT[n]).join(', ')}.`);
    if (f.parameters?.length) notes.push(`Parameter des Regelwerks / *rule-set parameters*: ${f.parameters.map((p) => `\`${p.name}\` (${p.type})`).join(', ')}.`);
    for (const n of notes) lines.push(`- ${n}`);
    lines.push('');
    const params = Object.entries(f.params ?? {});
    if (params.length) {
      lines.push('| param | | Bedeutung | *meaning* |', '|---|---|---|---|');
      for (const [name, p] of params) {
        const doc = paramDocOf(f, name);
        lines.push(`| \`${name}\` | ${p.required ? 'Pflicht / *required*' : 'optional'}${p.values ? `: ${p.values.map((v) => `\`${v}\``).join(', ')}` : ''} | ${cell(doc.de)} | *${cell(doc.en)}* |`);
      }
      lines.push('');
    }
  }
  lines.push('## Operatoren / Operators', '', 'Die Operatoren von json-rules-engine, mit derselben Bedeutung. Ein Dekorator steht davor, durch Doppelpunkt getrennt, auch mehrere (`everyFact:not:equal`).', '', '*json-rules-engine\'s operators, with the same meaning. A decorator goes in front, separated by a colon, also several (`everyFact:not:equal`).*', '');
  lines.push('| Operator | Bedeutung | *meaning* |', '|---|---|---|');
  for (const o of OPERATOR_NAMES) lines.push(`| \`${o}\` | ${OPERATOR_DOCS[o]![0]} | *${OPERATOR_DOCS[o]![1]}* |`);
  lines.push('', '| Dekorator / *decorator* | Bedeutung | *meaning* |', '|---|---|---|');
  for (const d of DECORATOR_NAMES) lines.push(`| \`${d}:\` | ${DECORATOR_DOCS[d]![0]} | *${DECORATOR_DOCS[d]![1]}* |`);
  return `${lines.join('\n')}\n`;
}
