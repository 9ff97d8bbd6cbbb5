/** An import failure located in the master file: file:line:column and a German/English text. */
export class MasterFileError extends Error {
  constructor(
    readonly file: string,
    /** 1-based; 0 when the problem is the file as a whole. */
    readonly line: number,
    readonly column: number,
    readonly de: string,
    readonly en: string,
  ) {
    super(`${file}:${line}:${column}: ${en}`);
    this.name = 'MasterFileError';
  }

  /** `file:line:column: text` in the given language. */
  located(lang: 'de' | 'en'): string {
    return `${this.file}:${this.line}:${this.column}: ${lang === 'en' ? this.en : this.de}`;
  }
}

/** Where an element starts in the master file (1-based). */
export interface XmlPosition {
  line: number;
  column: number;
}

/** A problem a converter finds at an element; the reader adds the file name. */
export class ElementProblem extends Error {
  constructor(
    readonly at: XmlPosition,
    readonly de: string,
    readonly en: string,
  ) {
    super(en);
  }
}
