/**
 * Hostile service entries for the never-throw property (test/checker.test.ts, bounded) and
 * `npm run fuzz` (1,000,000): wrong types, missing fields, huge strings, prototype keys, NaN,
 * 1e308, invalid dates, and the live objects a PVS can hand over in-process — proxies,
 * throwing getters, symbols, values whose conversion throws. Also hostile arguments for every
 * other public function (test/api-robustness.test.ts): throwing iterables and lists, option
 * and source objects whose fields throw.
 */
import fc from 'fast-check';

const trap = (): never => {
  throw new Error('host object');
};
/** Throws for property names; symbol keys (fast-check's own probes) read as absent. */
const trapNames = <T>(_: object, key: string | symbol): T | undefined => (typeof key === 'string' ? trap() : undefined);

/** A fresh object that throws when read or converted (made per sample: proxies cannot be shared safely). */
export const hostObject: fc.Arbitrary<unknown> = fc
  .constantFrom<(() => unknown)[]>(
    () => new Proxy({}, { get: trapNames, ownKeys: trap, has: (t, k) => trapNames<boolean>(t, k) ?? false, getOwnPropertyDescriptor: trapNames<PropertyDescriptor> }),
    () => Object.defineProperty({}, 'birthDate', { get: trap, enumerable: true }),
    () => ({ toString: trap, valueOf: trap }),
    () => Symbol('host'),
    () => [Object.defineProperty({}, 'description', { get: trap, enumerable: true })],
  )
  .map((make) => make());

const date = fc.oneof(fc.constantFrom('2019-01-04', '2024-05-06', '2025-10-05', '2026-04-14', '2026-02-29', '9999-99-99', ''), fc.string(), fc.double(), fc.constant(1e308));
/** Anything, sometimes a live host object. */
const anyValue = fc.oneof({ weight: 9, arbitrary: fc.anything() }, { weight: 1, arbitrary: hostObject });

export const hostileEntry: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: false, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  hostObject,
  // An entry whose own field is a throwing getter.
  fc.constantFrom('date', 'gop', 'costs', 'patient').map((key) => Object.defineProperty({ date: '2026-04-14', gop: '88500' }, key, { get: trap, enumerable: true })),
  fc.record(
    {
      date,
      gop: fc.oneof(fc.constantFrom('88500', 'G24M', 'BV001', '31102', '83003', '__proto__', 'constructor', ''), fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)),
      teamNumber: fc.oneof(fc.constantFrom('001234577', '001234566'), fc.string(), fc.double(), fc.constant({}), hostObject),
      lanr: fc.oneof(fc.constantFrom('776299002', '633116027'), anyValue),
      costs: fc.oneof(
        fc.array(fc.oneof(anyValue, fc.record({ description: fc.oneof(fc.constantFrom('5489', '5488'), fc.string(), fc.double(), hostObject), cents: fc.oneof(fc.double(), fc.string(), fc.constant(Number.NaN), fc.constant(-1), fc.constant(1e308), hostObject) }))),
        fc.string(),
        fc.constant(null),
      ),
      patient: fc.oneof(anyValue, fc.record({ insuranceNumber: fc.oneof(fc.string(), hostObject), birthDate: fc.oneof(date, hostObject) })),
      case: fc.oneof(anyValue, fc.record({ insurerIk: anyValue, participations: anyValue, referral: anyValue, practiceTeamNumbers: anyValue })),
      ops: anyValue,
      diagnoses: anyValue,
      hybridDrg: fc.oneof(
        anyValue,
        fc.record({ code: fc.oneof(fc.string(), fc.constantFrom('G24M', '__proto__')), start: date, end: date, opDate: date, ventilationHours: fc.oneof(fc.double(), fc.string(), fc.constant(1e308), hostObject) }, { requiredKeys: [] }),
      ),
      huge: fc.constant('x'.repeat(100_000)),
    },
    { requiredKeys: [] },
  ),
);

/** An iterable that yields an entry, then throws (a generator over a database cursor that breaks). */
const throwingIterable: fc.Arbitrary<unknown> = fc.constant(null).map(() => ({
  *[Symbol.iterator]() {
    yield { date: '2026-04-14', gop: '88500' };
    trap();
  },
}));

/** A list whose length or items throw when read. */
const throwingList: fc.Arbitrary<unknown> = fc
  .constantFrom<(() => unknown)[]>(
    () => new Proxy([{}], { get: (t, k) => (k === 'length' ? trap() : Reflect.get(t, k)) }),
    () => new Proxy([{}, {}], { get: (t, k) => (k === '1' ? trap() : Reflect.get(t, k)), getOwnPropertyDescriptor: (t, k) => (k === '1' ? trap() : Reflect.getOwnPropertyDescriptor(t, k)) }),
    () => Object.defineProperty([], 0, { get: trap, enumerable: true }),
  )
  .map((make) => make());

/**
 * What a host might pass to any public function: anything, a live object that throws, a
 * throwing iterable or list, and objects shaped like the API's own arguments whose fields are
 * any of those (a source `{name, text}`, checker options, a load result).
 */
export const hostileArgument: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }),
  hostObject,
  throwingIterable,
  throwingList,
  fc.array(anyValue, { maxLength: 3 }),
  fc.record({ name: anyValue, text: fc.oneof(anyValue, fc.constant('{"kind":"ruleset"}'), fc.constant('{')) }, { requiredKeys: [] }),
  fc.record({ ruleSets: anyValue, context: anyValue, locale: anyValue }, { requiredKeys: [] }),
  fc.record({ ok: fc.boolean(), problems: anyValue, bundle: anyValue, context: anyValue }, { requiredKeys: [] }),
  hostileEntry,
);
