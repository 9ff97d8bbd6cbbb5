import { describe, expect, it } from 'vitest';
import { MAPPED_TEXT, mapCase } from '../src/kvdt/mapping';
import { forEachRecord, HEAD, TAIL } from './kvdt-helpers';

// mapCaseFor decodes a line's text only for the fields in MAPPED_TEXT (one call site, which V8
// inlines); a field its switches read but the table lacks would silently map as ''. Every
// field number, as a case field and as a service field (also between a 5011/5012 pair), must
// map the same with the table as with every line's text decoded.

/** The bytes of KVDT lines (all ASCII here: one string, one buffer). */
const lines = (items: Iterable<readonly [string, string]>): Buffer => {
  let text = '';
  for (const [fk, v] of items) text += `${String(9 + v.length).padStart(3, '0')}${fk}${v}\r\n`;
  return Buffer.from(text, 'latin1');
};

function* everyField(): Generator<readonly [string, string]> {
  yield* HEAD;
  for (let fk = 0; fk < 10000; fk++) {
    const f = String(fk).padStart(4, '0');
    if (f === '8000') continue; // the record type: every record has it
    // A value every field reads as given (dates, codes, texts), different per field.
    const v = `2026${String(fk % 100).padStart(2, '0')}1${f}`;
    yield* [['8000', '0101'], ['3000', 'P1'], [f, v], ['5000', '20260414'], ['5001', '03000'], [f, v], ['5000', '20260415'], ['5001', '88500'], ['5011', '5489'], [f, v], ['5012', '52458']] as const;
  }
  yield* TAIL;
}

/** Each case record's services as JSON (what the checker reads of them). */
function mapped(bytes: Buffer): string[] {
  const out: string[] = [];
  forEachRecord(bytes, (r, practice, header) => {
    const services = mapCase(r, practice, header);
    if (services.length) out.push(JSON.stringify(services));
  });
  return out;
}

describe('the texts the KVDT mapping decodes (MAPPED_TEXT)', () => {
  it('cover every field the mapping reads: each field number maps as with every text decoded', () => {
    const bytes = lines(everyField());
    const withTable = mapped(bytes);
    const saved = MAPPED_TEXT.slice();
    MAPPED_TEXT.fill(1);
    let everyText: string[];
    try {
      everyText = mapped(bytes);
    } finally {
      MAPPED_TEXT.set(saved);
    }
    expect(withTable.length).toBe(9999);
    // The k-th case record carries field number k (8000 left out).
    const differing = withTable.flatMap((m, k) => (m === everyText[k] ? [] : [String(k < 8000 ? k : k + 1).padStart(4, '0')]));
    expect(differing).toEqual([]);
    // The values are in the mapped services (the comparison compares something).
    expect(withTable.join('').match(/2026\d\d1\d{4}/g)?.length).toBeGreaterThan(20);
  });
});
