/**
 * A catalogue's rows checked on their text, in one native match: the GOÄ has thousands, and
 * walking each parsed row twice (the exact checks after JSON.parse, then the schema) was a
 * third of a cold start. A row matches only as the parsers would take it: its members in the
 * order the catalogues are written, each value of the schema's form (schemas/catalogue.schema.json),
 * texts without escapes. Rows written otherwise are checked by the walk and the schema as
 * before, which say what is wrong: this only skips work (test/catalogue-rows.test.ts).
 */
import { seek, type PlainPart } from '../load/json-text';

/**
 * The member "rows" and its list, one row or more, each `{number, points, section, sectionA?,
 * simpleRateOnly?, validFrom?, validUntil? (a date), source, label, note?}` (sticky: from the key).
 */
const ROWS =
  /"rows"\s*:\s*\[(?:\s*\{\s*"number"\s*:\s*"[\dA-Z][\da-zA-Z.]{0,9}"\s*,\s*"points"\s*:\s*(?:null|\d{1,15})\s*,\s*"section"\s*:\s*"[B-P]"(?:\s*,\s*"sectionA"\s*:\s*(?:true|false))?(?:\s*,\s*"simpleRateOnly"\s*:\s*(?:true|false))?(?:\s*,\s*"validFrom"\s*:\s*"\d{4}-\d\d-\d\d")?(?:\s*,\s*"validUntil"\s*:\s*"\d{4}-\d\d-\d\d")?\s*,\s*"source"\s*:\s*"[^"\\]*"\s*,\s*"label"\s*:\s*"[CSU]"(?:\s*,\s*"note"\s*:\s*"[^"\\]*")?\s*\}\s*,?)+\]/y;

/** The rows of catalogue `root` (parsed from `text`) and the place of their text, if every row is plain. */
export function plainRows(text: string, root: unknown): PlainPart | undefined {
  const doc = root as { kind?: unknown; rows?: unknown };
  if (doc?.kind !== 'catalogue' || !Array.isArray(doc.rows)) return undefined;
  // The root has rows: seek finds its (first) member "rows".
  const key = (ROWS.lastIndex = seek(text, '/rows'));
  return ROWS.test(text) ? { value: doc.rows, start: text.indexOf('[', key), end: ROWS.lastIndex } : undefined;
}
