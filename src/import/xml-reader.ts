/**
 * Streaming, namespace-aware XML reading for the KBV master files, on saxes: it is strict
 * about well-formedness (a broken file is refused, not half-read), resolves namespaces, keeps
 * line and column, and holds only the open elements in memory, so a file of tens of MB is read
 * in chunks. No I/O here: the caller writes decoded text in.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { ElementProblem, MasterFileError, type XmlPosition } from './master-file-error';

/** One start tag: namespace URI, local name, attributes by local name, where it starts. */
export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  readonly at: XmlPosition;
  /** An attribute without namespace (a string of its own), or undefined. */
  attr(name: string): string | undefined;
}

/** What a converter does with the elements; `path` holds the local names of the open ancestors. */
export interface XmlHandler {
  open(el: XmlElement, path: readonly string[]): void;
  close(el: XmlElement, path: readonly string[]): void;
}

class Element implements XmlElement {
  constructor(
    readonly uri: string,
    readonly local: string,
    readonly at: XmlPosition,
    private readonly attributes: Record<string, SaxesAttributeNS>,
  ) {}

  attr(name: string): string | undefined {
    const a = this.attributes[name];
    return a === undefined || a.uri !== '' ? undefined : ownCopy(a.value);
  }
}

/**
 * A string that shares no memory with the text it was cut from. V8 keeps a substring of 13 or
 * more characters as a view into its parent: each title kept would hold the whole decoded chunk
 * of the file it came from, and all titles together the whole file.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** Feeds decoded text to saxes and hands elements to a handler; every failure becomes a {@link MasterFileError}. */
export class XmlReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly path: string[] = [];
  private readonly open: Element[] = [];
  private startLine = 1;
  private startColumn = 1;
  private failure: MasterFileError | undefined;
  private rootSeen = false;

  constructor(
    private readonly file: string,
    handler: XmlHandler,
  ) {
    const p = this.parser;
    p.on('opentagstart', () => {
      // saxes has read "<name" and the character after it; its columns are 0-based.
      this.startLine = p.line;
      this.startColumn = p.column;
    });
    p.on('opentag', (tag: SaxesTagNS) => {
      this.rootSeen = true;
      const el = new Element(tag.uri, tag.local, { line: this.startLine, column: Math.max(1, this.startColumn - tag.name.length - 1) }, tag.attributes);
      this.guard(() => handler.open(el, this.path));
      this.path.push(tag.local);
      this.open.push(el);
    });
    p.on('closetag', () => {
      this.path.pop();
      const el = this.open.pop()!;
      this.guard(() => handler.close(el, this.path));
    });
    p.on('error', (e: Error) => {
      // saxes would go on after an error; a master file with one is not read further.
      const reason = stripPosition(e.message);
      throw this.failure ?? (this.failure = this.located(p.line, p.column + 1, `Die Datei ist kein wohlgeformtes XML${germanReason(reason)}`, `The file is not well-formed XML: ${reason}`));
    });
  }

  /** The line the parser has reached (1-based). */
  get line(): number {
    return this.parser.line;
  }

  /** Reads the next piece of text. Throws {@link MasterFileError}. */
  write(text: string): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.write(text);
    } catch (e) {
      throw this.rethrow(e);
    }
  }

  /** Ends the document (checks that every element is closed). Throws {@link MasterFileError}. */
  close(): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.close();
    } catch (e) {
      throw this.rethrow(e);
    }
    if (!this.rootSeen) throw this.located(1, 1, 'Die Datei enthält kein XML-Element.', 'The file holds no XML element.');
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof ElementProblem) throw (this.failure = this.located(e.at.line, e.at.column, e.de, e.en));
      throw e;
    }
  }

  private rethrow(e: unknown): Error {
    if (e instanceof MasterFileError) return (this.failure = e);
    return e as Error;
  }

  private located(line: number, column: number, de: string, en: string): MasterFileError {
    return new MasterFileError(this.file, line, column, de, en);
  }
}

/**
 * saxes' reasons (English) the German message says in German, by their start; what follows
 * (a tag or attribute name) is kept. Other reasons stay out of the German message.
 */
const GERMAN_REASONS: readonly [string, string][] = [
  ['unexpected close tag', 'unerwartetes schließendes Tag'],
  ['unclosed tag', 'nicht geschlossenes Tag'],
  ['unmatched closing tag', 'schließendes Tag ohne öffnendes'],
  ['unexpected end', 'unerwartetes Ende'],
  ['disallowed character in tag name', 'unzulässiges Zeichen im Tag-Namen'],
  ['disallowed character in attribute name', 'unzulässiges Zeichen im Attributnamen'],
  ['disallowed character in closing tag', 'unzulässiges Zeichen im schließenden Tag'],
  ['disallowed character.', 'unzulässiges Zeichen'],
  ['text data outside of root node', 'Text außerhalb des Wurzelelements'],
  ['documents may contain only one root', 'mehr als ein Wurzelelement'],
  ['document must contain a root element', 'kein Wurzelelement'],
  ['duplicate attribute', 'doppeltes Attribut'],
  ['attribute without value', 'Attribut ohne Wert'],
  ['unquoted attribute value', 'Attributwert ohne Anführungszeichen'],
  ['value must be quoted', 'Attributwert ohne Anführungszeichen'],
  ['malformed character entity', 'fehlerhafte Zeichenreferenz'],
  ['unbound namespace prefix', 'nicht deklariertes Namensraum-Präfix'],
];

/** ": <the reason in German>." for a reason of saxes it knows, else "." (the German message quotes no English). */
function germanReason(reason: string): string {
  const known = GERMAN_REASONS.find(([en]) => reason.startsWith(en));
  if (!known) return '.';
  return `: ${known[1]}${reason.slice(known[0].length).replace(/\.$/, '')}.`;
}

/** saxes puts "line:column: " in front of its messages; the position is given separately. */
function stripPosition(message: string): string {
  return message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
}
