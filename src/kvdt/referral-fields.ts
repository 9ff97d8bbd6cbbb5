/**
 * Where a case record may hold the referral fields (FK 4217–4249), per the KVDT
 * Datensatzbeschreibung 6.03 (the field tables of 0101–0104 and hdrg1) and the XPM's schema
 * xdtdata.xsd, which nests them [C]. 0101 defines none of them. 0102 defines 4217, 4218, 4219,
 * 4220, 4225 and 4226, each once; under 4217 or 4225 stands 4241, under 4225 4248, under 4218 or
 * 4226 4242, under 4226 4249. 0103 and hdrg1 define 4218 once with 4242 under it; 0104 defines
 * 4243 once. (4241 may stand under 4217 and under 4225; that both are given is rule 431's,
 * checked by the ASV rule set; 4242 under 4218 and 4226 is limited to one by rule 328, whose
 * XOR of 4218/4219/4226 the schema leaves to it.) The Prüfmodul rejects a file that breaks its
 * schema; no KBV text says which of two values counts (the mapping keeps the first). Sources
 * and labels: docs/kbv-parity.md.
 */
import type { RecordView } from './reader';

/** The referral fields (Überweisung) of case records: the ones checked here, and the ones the mapping keeps on the case. */
export const REFERRAL_FIELDS: readonly number[] = [4217, 4218, 4219, 4220, 4225, 4226, 4241, 4242, 4243, 4248, 4249];

/** By record type (a Map: the type is the file's text): each referral field it defines, with the fields it stands under ([] for a field of the record itself). */
const DEFINED = new Map<string, ReadonlyMap<number, readonly number[]>>([
  ['0101', new Map()],
  [
    '0102',
    new Map<number, readonly number[]>([
      [4217, []],
      [4218, []],
      [4219, []],
      [4220, []],
      [4225, []],
      [4226, []],
      [4241, [4217, 4225]],
      [4242, [4218, 4226]],
      [4248, [4225]],
      [4249, [4226]],
    ]),
  ],
  ['0103', new Map<number, readonly number[]>([[4218, []], [4242, [4218]]])],
  ['0104', new Map<number, readonly number[]>([[4243, []]])],
  ['hdrg1', new Map<number, readonly number[]>([[4218, []], [4242, [4218]]])],
]);

/** Fields a record holds once, by record type: every referral field it defines but 0102's 4241 (see above). */
const ONCE = new Map<string, readonly number[]>([...DEFINED].map(([type, fields]) => [type, [...fields.keys()].filter((fk) => !(type === '0102' && fk === 4241))]));

/** What a referral field's place can break: a field the record does not define, a sub-field with none of its fields before it, a field given twice. */
export type ReferralPlaceProblem = 'not-defined' | 'without-parent' | 'repeated';

/**
 * Calls `problem` for each referral field of the record in a place the KVDT does not allow,
 * once per field and kind: at its first line when the record does not define it or when none
 * of the fields it stands under comes before it (`first` -1), at its second when the record
 * holds it once (`first`: the index of its first line). Only lines `from` to `to - 1` are looked
 * at: a caller that knows where the fields 4217–4249 stand (the reader does) gives their lines.
 */
export function misplacedReferrals(record: RecordView, problem: (kind: ReferralPlaceProblem, fk: number, at: number, first: number) => void, from = 0, to = record.lines): void {
  const defined = DEFINED.get(record.type);
  if (defined === undefined) return;
  const once = ONCE.get(record.type)!;
  /** By REFERRAL_FIELDS index: the field's first line, +1 (0: not seen); -1 once reported. */
  const seen = new Array<number>(REFERRAL_FIELDS.length).fill(0);
  for (let i = from; i < to; i++) {
    const fk = record.fk(i);
    if (fk < 4217 || fk > 4249) continue;
    const k = REFERRAL_FIELDS.indexOf(fk);
    if (k < 0 || seen[k]! < 0) continue;
    const parents = defined.get(fk);
    if (seen[k] === 0) {
      seen[k] = i + 1;
      if (parents === undefined) problem('not-defined', fk, i, -1);
      else if (parents.length !== 0 && !parents.some((p) => seen[REFERRAL_FIELDS.indexOf(p)] !== 0)) problem('without-parent', fk, i, -1);
      else continue;
      seen[k] = -1;
    } else if (once.includes(fk)) {
      problem('repeated', fk, i, seen[k]! - 1);
      seen[k] = -1;
    }
  }
}

/** The fields referral field `fk` may stand under in a record of `type` (none for a field of the record itself or one it does not define). */
export const referralParents = (type: string, fk: number): readonly number[] => DEFINED.get(type)?.get(fk) ?? [];
