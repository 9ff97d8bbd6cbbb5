/**
 * The definitions of schemas/ruleset.schema.json that scripts/facts-reference.ts writes from
 * the fact registry and the operator table (factName, operatorName, factParams), made here
 * from the same registry without their annotations: the core does not carry every fact and
 * operator name twice. build/schemas.js leaves them out; src/load/schema.ts puts these in
 * (test/json-schema.test.ts holds them equal to the schema file's, order included).
 */
import { FACTS } from '../facts/facts';
import { DECORATOR_NAMES, OPERATOR_NAMES } from '../compile/operators';

/** The generated definitions, as in the schema file without annotations. */
export function factDefinitions(): Record<'factName' | 'operatorName' | 'factParams', object> {
  const facts = [...FACTS.values()];
  const withParams = facts.filter((f) => f.params && Object.keys(f.params).length);
  const decorated = DECORATOR_NAMES.flatMap((d) => OPERATOR_NAMES.map((o) => `${d}:${o}`));
  const ofFact = (fact: unknown) => ({ type: 'object', properties: { fact }, required: ['fact'] });
  return {
    factName: { enum: facts.map((f) => f.id) },
    operatorName: { anyOf: [{ enum: [...OPERATOR_NAMES, ...decorated] }, { type: 'string', pattern: `^((${DECORATOR_NAMES.join('|')}):){2,}(${OPERATOR_NAMES.join('|')})$` }] },
    factParams: {
      if: ofFact({ enum: withParams.map((f) => f.id) }),
      then: {
        allOf: withParams.map((f) => ({
          if: ofFact({ const: f.id }),
          then: {
            type: 'object',
            properties: {
              params: {
                type: 'object',
                properties: Object.fromEntries(Object.entries(f.params!).map(([name, spec]) => [name, { type: spec.type, ...(spec.values ? { enum: [...spec.values] } : {}) }])),
              },
            },
          },
        })),
      },
    },
  };
}
