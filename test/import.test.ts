import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MasterCatalogueDoc, MasterFile } from '../src/catalogues/master-document';
import { catalogueText } from '../src/import/catalogue-document';
import { chunkDecoder, repairDoubleEncoding } from '../src/import/decode';
import { MasterImport, importMasterFile } from '../src/import/master-import';
import { MasterFileError } from '../src/import/master-file-error';
import { ROOT } from './helpers';

const FIX = `${ROOT}/test/fixtures/masterfiles`;
const OPTIONS = { schemaRef: '../../schemas/master-catalogue.schema.json', importer: 'pvs-rules test' };

/** Text → ISO-8859-15 bytes (the fixtures' charset); € and the other seven Latin-9 letters included. */
function encodeLatin9(text: string): Buffer {
  const special: Record<string, number> = { '€': 0xa4, Š: 0xa6, š: 0xa8, Ž: 0xb4, ž: 0xb8, Œ: 0xbc, œ: 0xbd, Ÿ: 0xbe };
  return Buffer.from([...text].map((c) => special[c] ?? c.charCodeAt(0)));
}

/** Imports bytes in chunks of `size` (streaming as the file reader does it). */
function importBytes(file: MasterFile, bytes: Uint8Array, size = bytes.length || 1, name = 'test.xml'): MasterCatalogueDoc {
  const imp = new MasterImport(file, name, OPTIONS);
  for (let at = 0; at < bytes.length; at += size) imp.write(bytes.subarray(at, at + size));
  return imp.end();
}

function failure(file: MasterFile, bytes: Uint8Array): MasterFileError {
  try {
    importBytes(file, bytes);
  } catch (e) {
    if (e instanceof MasterFileError) return e;
    throw e;
  }
  throw new Error('no error');
}

const fixture = (name: string) => readFileSync(`${FIX}/${name}`);
/** A fixture's text (decoded as ISO-8859-15) with `from` replaced by `to`, as bytes again. */
const edited = (name: string, from: string | RegExp, to: string) => {
  const text = new TextDecoder('iso-8859-15').decode(fixture(name));
  const out = text.replace(from, to);
  if (out === text) throw new Error(`fixture ${name}: ${String(from)} not found`);
  return encodeLatin9(out);
};
const rowsOf = (doc: MasterCatalogueDoc, table: string) => doc.tables[table]!.rows;
const byKey = (doc: MasterCatalogueDoc, table: string, key: string) => {
  const t = doc.tables[table]!;
  const row = t.rows.find((r) => r[0] === key);
  return row && Object.fromEntries(t.columns.map((c, i) => [c, row[i]]));
};

describe('import SDHDRG', () => {
  const doc = importBytes('SDHDRG', fixture('sdhdrg.xml'));

  it('takes provenance from the header: validity, creation date, interface version, label C', () => {
    expect([doc.masterFile, doc.validFrom, doc.validUntil, doc.created, doc.label]).toEqual(['SDHDRG', '2026-01-01', '2026-12-31', '2025-11-11', 'C']);
    expect(doc.source).toMatchObject({ file: 'test.xml', fileId: '1c821b97-ec56-4d54-92b9-4b52db8227f3', documentType: 'SDHDRG', interfaceVersion: '2.0.0', publisher: '74', serviceTmr: '2026-01-01..2026-12-31' });
    expect(doc.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.$schema).toBe(OPTIONS.schemaRef);
  });

  it('reads each Hybrid-DRG with its Leistungsbereich and both prices (ohne → euro, mit → euroWithAftercare)', () => {
    expect(rowsOf(doc, 'hybridDrg').map((r) => [r[0], r[3], r[4]])).toEqual([
      ['G24M', '3713.46', '3743.46'],
      ['G24R', '1262.76', '1292.76'],
      ['F49P', '2086.29', '2166.29'],
      ['M05M', '1094.41', '1124.41'],
    ]);
    expect(byKey(doc, 'hybridDrg', 'F49P')!['serviceArea']).toBe('Invasive kardiologische Diagnostik außer bei akutem Myokardinfarkt');
  });

  it('reads the flat OPS list and says where the hospital price is not 30 € higher', () => {
    expect(rowsOf(doc, 'ops').map((r) => r[0])).toEqual(['1-275.0', '1-447', '5-530.31', '5-530.x', '5-640.4', '8-835.20']);
    expect(doc.notes?.map((n) => n.en)).toEqual(['For F49P mit_postoperativ is not 30.00 € above ohne_postoperativ; taken as in the file.']);
  });

  it('gives the same document whatever the chunk size (characters split between chunks)', () => {
    const bytes = fixture('sdhdrg.xml');
    const whole = catalogueText(importBytes('SDHDRG', bytes));
    for (const size of [1, 2, 3, 7, 255, 256, 4096]) expect(catalogueText(importBytes('SDHDRG', bytes, size))).toBe(whole);
  });

  it('repairs UTF-8 umlauts inside the Latin-9 file in texts and says so', () => {
    const bytes = edited('sdhdrg.xml', 'Invasive kardiologische Diagnostik', 'Invasive kardiologische DiagnostikÃ€');
    const repaired = importBytes('SDHDRG', bytes);
    expect(byKey(repaired, 'hybridDrg', 'F49P')!['serviceArea']).toBe('Invasive kardiologische Diagnostikä außer bei akutem Myokardinfarkt');
    expect(repaired.notes?.[1]?.de).toMatch(/^1 Text\(e\) enthielten UTF-8-kodierte Umlaute/);
    expect(repairDoubleEncoding('HÃŒftgelenk, KassenÃ€rztliche, Â§ 115f')).toBe('Hüftgelenk, Kassenärztliche, § 115f');
    expect(repairDoubleEncoding('Gefäßeingriffe')).toBe('Gefäßeingriffe');
  });
});

describe('import SDOPS', () => {
  const doc = importBytes('SDOPS', fixture('sdops.xml'));

  it('reads per-code validity, the side flag, the § 115b category and the title', () => {
    expect(byKey(doc, 'ops', '5-79a.67')).toEqual({
      code: '5-79a.67',
      validFrom: '2005-01-01',
      validUntil: null,
      sideRequired: true,
      aop115b: '2',
      aop115bNote: null,
      medicalReason: false,
      title: 'Geschlossene Reposition einer Gelenkluxation mit Osteosynthese: Durch Fixateur externe: Handgelenk n.n.bez.',
    });
    expect(byKey(doc, 'ops', '9-984.0')).toMatchObject({ validFrom: '2014-04-01', validUntil: '2017-03-31', sideRequired: false });
    expect([doc.validFrom, doc.validUntil, doc.created, doc.source.originationDttm]).toEqual(['2019-04-01', '2019-12-31', '2019-06-14', '2019-06-14+02:00']);
  });

  it('reads prefixed ehd elements and a default body namespace alike (namespace-aware)', () => {
    expect(rowsOf(doc, 'ops')).toHaveLength(7);
    // The same file with the body namespace under a prefix is the same catalogue.
    const text = new TextDecoder('iso-8859-15').decode(fixture('sdops.xml'));
    const bytes = encodeLatin9(text.replace(/<(\/?)(opscode_liste|opscode|gueltigkeit|kzseite|kz115b)\b/g, '<$1o:$2').replace('xmlns="urn:ehd/sdops/001"', 'xmlns:o="urn:ehd/sdops/001"'));
    expect(importBytes('SDOPS', bytes).tables).toEqual(doc.tables);
  });

  it('refuses a code listed twice with overlapping validity, and accepts it with periods apart', () => {
    const twice = edited('sdops.xml', '<opscode V="9-984.7"', '<opscode V="9-984.0"');
    expect(rowsOf(importBytes('SDOPS', twice), 'ops').filter((r) => r[0] === '9-984.0')).toHaveLength(2);
    const overlapping = edited('sdops.xml', /<opscode V="9-984.7"([^>]*)>\s*<gueltigkeit V="2017-04-01.."/, '<opscode V="9-984.0"$1><gueltigkeit V="2017-03-01.."');
    const e = failure('SDOPS', overlapping);
    expect(e.located('en')).toMatch(/^test\.xml:57:13: OPS code 9-984\.0 appears twice in the file with overlapping validity \(first on line 53\)\.$/);
  });
});

describe('import SDICD', () => {
  const doc = importBytes('SDICD', fixture('sdicd.xml'));

  it('keeps file order (parents before children), the terminal flag and the notation marks', () => {
    expect(rowsOf(doc, 'icd').map((r) => `${String(r[0])}${r[2] ? '' : ' (n)'}${r[3] ? ` ${String(r[3])}` : ''}`)).toEqual([
      'E11.- (n)',
      'E11.4- (n)',
      'E11.40 +',
      'E11.9- (n)',
      'E11.90',
      'G63.- (n)',
      'G63.2 *',
      'N40',
      'N60.1',
      'P07.1',
      'R54',
      'U07.1 !',
      'U06.9',
      'A20.0',
    ]);
  });

  it('reads sex and age checks, IfSG flags and the chapter', () => {
    expect(byKey(doc, 'icd', 'N40')).toMatchObject({ sex: 'm', sexError: 'm', ageMin: '10y', ageMax: null, ageError: 'k', chapter: 14 });
    expect(byKey(doc, 'icd', 'U07.1')).toMatchObject({ contentAssigned: true, ifsgReport: true, ifsgBilling: true, notPermanent: true, chapter: 22 });
    expect(byKey(doc, 'icd', 'P07.1')).toMatchObject({ ageMin: '0d', ageMax: '28d', ageError: 'm', chapter: 16 });
    expect(byKey(doc, 'icd', 'U06.9')).toMatchObject({ contentAssigned: false });
    expect(byKey(doc, 'icd', 'A20.0')).toMatchObject({ rare: true, chapter: 1 });
  });

  it('leaves the key tables after the body alone (icd_root allows them)', () => {
    const withKeytabs = edited('sdicd.xml', '</ehd:body>', '</ehd:body>\n    <ehd:keytabs><ehd:keytab V="S_X"><ehd:key V="1" DN="eins"/></ehd:keytab></ehd:keytabs>');
    expect(importBytes('SDICD', withKeytabs).tables).toEqual(doc.tables);
  });

  it('takes a code written with its mark ("G63.2*") as the plain code with that notation', () => {
    const marked = edited('sdicd.xml', /<icd_code V="G63.2"\/>\s*(<bezeichnung[^>]*>\s*<abrechenbar[^>]*>)\s*<notationskennzeichen[^>]*>/, '<icd_code V="G63.2*"/>$1');
    expect(byKey(importBytes('SDICD', marked), 'icd', 'G63.2')).toMatchObject({ code: 'G63.2', notation: '*' });
  });
});

describe('import SDEBM', () => {
  const doc = importBytes('SDEBM', fixture('sdebm.xml'));

  it('reads the EBM place (Bereich, Kapitel, Abschnitt), validity and valuations of each GOP', () => {
    expect(byKey(doc, 'gop', '50100')).toMatchObject({ area: 'VII', chapter: '50', chapterPath: '50.1', validFrom: '2014-04-01', validUntil: null, valuations: [['150', 'points', null, null]] });
    expect(byKey(doc, 'gop', '31101')).toMatchObject({ chapterPath: '31.2.2', chapter: '31', section: '2', subsection: '2', additionalFields: ['5035', '5036'], valuations: [['1000', 'points', '1', null]] });
    expect(byKey(doc, 'gop', '01101')).toMatchObject({ validFrom: '2008-01-01', validUntil: '2019-12-31' });
    expect(byKey(doc, 'gop', '88500')).toMatchObject({ area: 'XX', chapter: '58', valuations: [] });
  });

  it('reads the OPS codes that justify a GOP, with category and the § 115b mark', () => {
    expect(doc.tables['gopOps']!.rows).toEqual([
      ['31101', '5-640.2', 'A1', true, null, true],
      ['31101', '5-895.20', 'A1', false, null, true],
    ]);
  });

  it('refuses a valuation unit it does not know instead of guessing', () => {
    const e = failure('SDEBM', edited('sdebm.xml', '<go:bewertung V="196" U="1"', '<go:bewertung V="196" U="7"'));
    expect(e.en).toBe('Unknown valuation unit U="7" (known: 0, 1 points, 2 euro, 5 unrated).');
    expect(e.line).toBe(49);
  });
});

describe('import errors are located and leave nothing behind', () => {
  it('malformed XML: file:line:column of the break', () => {
    const e = failure('SDHDRG', edited('sdhdrg.xml', '</hybrid_drg_liste>', '</hybrid_drg_list>'));
    expect(e.located('en')).toMatch(/^test\.xml:54:24: The file is not well-formed XML: unexpected close tag\.$/);
    expect(e.located('de')).toBe('test.xml:54:24: Die Datei ist kein wohlgeformtes XML: unerwartetes schließendes Tag.');
  });

  it('a file that ends early', () => {
    const bytes = fixture('sdops.xml');
    const e = failure('SDOPS', bytes.subarray(0, bytes.length - 200));
    expect(e.en).toMatch(/^The file is not well-formed XML: unclosed tag: \S+$/);
    expect(e.de).toBe(`Die Datei ist kein wohlgeformtes XML: nicht geschlossenes Tag${e.en.slice(e.en.lastIndexOf(':'))}.`);
  });

  it('the XML parser\'s English text is no part of the German message', () => {
    // A parser message without a German text of its own (a comment with "--" inside).
    const e = failure('SDHDRG', edited('sdhdrg.xml', '</hybrid_drg_liste>', '<!-- a -- b --></hybrid_drg_liste>'));
    expect(e.en).toBe('The file is not well-formed XML: malformed comment.');
    expect(e.de).toBe('Die Datei ist kein wohlgeformtes XML.');
  });

  it('an unknown interface version, located at the version element', () => {
    const e = failure('SDHDRG', edited('sdhdrg.xml', '<version V="2.0.0"/>', '<version V="3.0.0"/>'));
    expect(e.located('en')).toBe('test.xml:31:4: Unknown SDHDRG interface version "3.0.0"; supported: 2.0.0.');
  });

  it('another master file than the command names', () => {
    expect(failure('SDICD', fixture('sdops.xml')).en).toBe('The file is not an SDICD master file: header/interface/id says "SDOPS".');
  });

  it('not a KBV master file at all', () => {
    expect(failure('SDOPS', Buffer.from('<?xml version="1.0"?>\n<html><body/></html>')).located('en')).toBe(
      'test.xml:2:1: The root element is <html> (no namespace); expected <ehd> in namespace urn:ehd/001: not a KBV master file.',
    );
  });

  it('an encoding the importer does not read, an empty file, bad UTF-8', () => {
    expect(failure('SDOPS', Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a/>')).en).toBe('Unsupported encoding "UTF-16" (read: ISO-8859-15, ISO-8859-1, UTF-8).');
    expect(failure('SDOPS', Buffer.alloc(0)).en).toBe('The file is empty.');
    expect(failure('SDOPS', Buffer.from([...Buffer.from('<?xml version="1.0" encoding="UTF-8"?><ehd xmlns="urn:ehd/001">'), 0xff, 0xfe])).en).toBe('The file is not valid UTF-8 as its XML declaration says.');
    // No declaration (a KVDT file given by mistake): the message names XML's default instead of a declaration there is not.
    const kvdt = failure('SDOPS', readFileSync(`${ROOT}/examples/kvdt/asv-beispiel.con`));
    expect([kvdt.de, kvdt.en]).toEqual(['Die Datei ist nicht gültig UTF-8 kodiert (ohne encoding="…" in einer XML-Deklaration gilt UTF-8); ist es eine XML-Stammdatei der KBV?', 'The file is not valid UTF-8 (without encoding="…" in an XML declaration, XML is UTF-8); is it a KBV master file?']);
  });

  it('a bad period or amount, located at its element', () => {
    expect(failure('SDOPS', edited('sdops.xml', '<gueltigkeit V="2017-04-01.."/>', '<gueltigkeit V="2017-13-01.."/>')).located('en')).toMatch(/^test\.xml:58:17: Invalid period "2017-13-01\.\." in <gueltigkeit>/);
    expect(failure('SDHDRG', edited('sdhdrg.xml', 'V="1094.41"', 'V="1094,41"')).en).toBe('Invalid amount "1094,41" in <ohne_postoperativ>.');
  });

  it('a missing required value', () => {
    expect(failure('SDOPS', edited('sdops.xml', /<kzseite V="N"\/>\s*<\/opscode>\s*<\/opscode_liste>/, '</opscode></opscode_liste>')).en).toBe('OPS code 5-640.4 has no kzseite.');
    expect(failure('SDHDRG', edited('sdhdrg.xml', /<ohne_postoperativ V="1094.41"[^>]*>/, '')).en).toBe('Hybrid-DRG M05M has no ohne_postoperativ valuation.');
  });

  it('reads the file from disk in the same way (streaming)', async () => {
    const doc = await importMasterFile('SDICD', `${FIX}/sdicd.xml`, OPTIONS);
    expect(doc.source.file).toBe('sdicd.xml');
    expect(catalogueText(doc)).toBe(catalogueText({ ...importBytes('SDICD', fixture('sdicd.xml')), source: doc.source }));
  });
});

describe('decoding', () => {
  it('ISO-8859-15 as the WHATWG decoder reads it, for every byte; ISO-8859-1 byte for code point', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(chunkDecoder('ISO-8859-15')(all)).toBe(new TextDecoder('iso-8859-15').decode(all));
    expect([...chunkDecoder('ISO-8859-1')(all)].map((c) => c.charCodeAt(0))).toEqual([...all]);
  });
});

describe('catalogue text', () => {
  it('is deterministic and parses back to the document, one row per line', () => {
    const doc = importBytes('SDEBM', fixture('sdebm.xml'));
    const text = catalogueText(doc);
    expect(catalogueText(importBytes('SDEBM', fixture('sdebm.xml')))).toBe(text);
    expect(JSON.parse(text)).toEqual(doc);
    expect(text.split('\n').filter((l) => l.startsWith('        ["')).length).toBe(doc.tables['gop']!.rows.length + doc.tables['gopOps']!.rows.length);
  });
});
