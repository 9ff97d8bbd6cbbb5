/**
 * What every master-file converter shares: it reads the header through {@link EhdHeaderReader},
 * checks it when the body starts, and turns body elements into table rows. Converters are pure:
 * elements in, rows out; the file reading is elsewhere.
 */
import type { Text } from '../model';
import type { MasterFile, MasterRow } from '../catalogues/master-document';
import { MASTER_TABLES } from '../catalogues/master-document';
import { repairDoubleEncoding } from './decode';
import { EHD_NS, EhdHeaderReader, type HeaderExpectation } from './ehd-header';
import { ElementProblem, type XmlPosition } from './master-file-error';
import type { XmlElement, XmlHandler } from './xml-reader';

export interface ConvertedTables {
  tables: Record<string, MasterRow[]>;
  notes: Text[];
}

export abstract class MasterConverter implements XmlHandler {
  readonly head: EhdHeaderReader;
  protected inBody = false;
  private bodyAt: XmlPosition | null = null;
  private bodyContent = false;
  /** Texts repaired by {@link repairDoubleEncoding}. */
  private repaired = 0;
  private readonly interned = new Map<string, string>();

  protected constructor(
    readonly masterFile: MasterFile,
    expect: HeaderExpectation,
    /** Namespace and local name of the first element in `body`. */
    private readonly content: { uri: string; local: string },
  ) {
    this.head = new EhdHeaderReader(expect);
  }

  open(el: XmlElement, path: readonly string[]): void {
    if (path.length === 1 && el.uri === EHD_NS && el.local === 'body') {
      this.head.check(el);
      this.inBody = true;
      this.bodyAt = el.at;
      return;
    }
    // Below the root: the header, the body, and (SDICD) key tables after the body, not read.
    if (path[1] !== 'body') {
      if (!this.inBody) this.head.open(el, path);
      return;
    }
    if (path.length === 2) {
      if (el.uri !== this.content.uri || el.local !== this.content.local) {
        throw new ElementProblem(
          el.at,
          `Unerwartetes Element <${el.local}> (${el.uri || 'ohne Namensraum'}) im body; erwartet wird <${this.content.local}> im Namensraum ${this.content.uri}.`,
          `Unexpected element <${el.local}> (${el.uri || 'no namespace'}) in body; expected <${this.content.local}> in namespace ${this.content.uri}.`,
        );
      }
      this.bodyContent = true;
    }
    // Other namespaces below the content (e.g. formatted text) are not the converter's business.
    if (el.uri === this.content.uri) this.element(el, path);
  }

  close(el: XmlElement, path: readonly string[]): void {
    if (path[1] === 'body' && el.uri === this.content.uri) this.end(el, path);
  }

  /** The rows and notes once the document has ended; throws when the body was missing or empty. */
  finish(): ConvertedTables {
    if (!this.inBody) throw new ElementProblem({ line: 1, column: 1 }, 'Die Datei hat keinen body.', 'The file has no body.');
    if (!this.bodyContent) {
      throw new ElementProblem(this.bodyAt!, `Der body enthält kein <${this.content.local}>.`, `The body holds no <${this.content.local}>.`);
    }
    const tables = this.rows();
    const layout = MASTER_TABLES[this.masterFile] as Record<string, readonly string[]>;
    for (const [name, rows] of Object.entries(tables)) {
      const width = layout[name]!.length;
      for (const r of rows) if (r.length !== width) throw new Error(`internal: ${this.masterFile} ${name} row of ${r.length} values, ${width} columns`);
    }
    const notes = this.notes();
    if (this.repaired) {
      notes.push({
        de: `${this.repaired} Text(e) enthielten UTF-8-kodierte Umlaute in der ISO-8859-15-Datei (z. B. "Ã€" statt "ä"); sie wurden beim Einlesen repariert. Kodes und Beträge sind nicht betroffen.`,
        en: `${this.repaired} text(s) held UTF-8 encoded umlauts inside the ISO-8859-15 file (e.g. "Ã€" for "ä"); they were repaired on import. Codes and amounts are not affected.`,
      });
    }
    return { tables, notes };
  }

  /** A descriptive text (never a code), repaired when it holds UTF-8 umlauts. */
  protected text(v: string): string {
    const fixed = repairDoubleEncoding(v);
    if (fixed !== v) this.repaired++;
    return fixed;
  }

  /**
   * One string for values that repeat across rows (dates, chapters, categories): a large
   * catalogue keeps each of them once instead of once per row.
   */
  protected intern<T extends string | null>(v: T): T {
    if (v === null) return v;
    const known = this.interned.get(v);
    if (known !== undefined) return known as T;
    this.interned.set(v, v);
    return v;
  }

  /** An element of the body content's namespace. */
  protected abstract element(el: XmlElement, path: readonly string[]): void;
  /** Its end tag. */
  protected abstract end(el: XmlElement, path: readonly string[]): void;
  protected abstract rows(): Record<string, MasterRow[]>;
  protected notes(): Text[] {
    return [];
  }
}

