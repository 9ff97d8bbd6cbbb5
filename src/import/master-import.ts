/**
 * One import: bytes of a master file in (chunk by chunk), a master-catalogue document out.
 * Detects the charset from the XML declaration, hashes the bytes, decodes and parses in
 * streaming fashion, so memory stays bounded by the rows kept, not by the file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { MasterCatalogueDoc, MasterFile } from '../catalogues/master-document';
import { catalogueDocument } from './catalogue-document';
import type { MasterConverter } from './converter';
import { chunkDecoder, declaredCharset, declaredEncoding } from './decode';
import { ElementProblem, MasterFileError } from './master-file-error';
import { SdebmConverter } from './sdebm';
import { SdhdrgConverter } from './sdhdrg';
import { SdicdConverter } from './sdicd';
import { SdopsConverter } from './sdops';
import { XmlReader } from './xml-reader';

const CONVERTERS: Record<MasterFile, () => MasterConverter> = {
  SDHDRG: () => new SdhdrgConverter(),
  SDOPS: () => new SdopsConverter(),
  SDICD: () => new SdicdConverter(),
  SDEBM: () => new SdebmConverter(),
};

export interface ImportOptions {
  /** `$schema` to write into the document. */
  schemaRef: string;
  /** Program and version, e.g. "pvs-rules 0.1.0". */
  importer: string;
}

/** Feeds the bytes of one master file; {@link end} gives the document. Throws {@link MasterFileError}. */
export class MasterImport {
  private readonly conv: MasterConverter;
  private readonly reader: XmlReader;
  private readonly hash = createHash('sha256');
  private decode: ((chunk: Uint8Array, last?: boolean) => string) | null = null;
  private readonly pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** The file names its encoding in an XML declaration (else XML's default, UTF-8, is read). */
  private declared = false;

  constructor(
    masterFile: MasterFile,
    /** Name for messages and the provenance (its folder is dropped). */
    private readonly name: string,
    private readonly options: ImportOptions,
  ) {
    this.conv = CONVERTERS[masterFile]();
    this.reader = new XmlReader(name, this.conv);
  }

  write(chunk: Uint8Array): void {
    this.hash.update(chunk);
    if (this.decode === null) {
      // The charset is read from the XML declaration: wait for enough bytes to hold it.
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < 256) return;
      this.start();
      return;
    }
    this.feed(chunk, false);
  }

  private start(): void {
    const head = Buffer.concat(this.pending);
    this.pending.length = 0;
    const charset = declaredCharset(head);
    this.declared = declaredEncoding(head) !== undefined;
    if (typeof charset !== 'string') {
      throw new MasterFileError(this.name, 1, 1, `Nicht unterstützte Zeichenkodierung "${charset.unknown}" (gelesen werden ISO-8859-15, ISO-8859-1, UTF-8).`, `Unsupported encoding "${charset.unknown}" (read: ISO-8859-15, ISO-8859-1, UTF-8).`);
    }
    this.decode = chunkDecoder(charset);
    this.feed(head, false);
  }

  private feed(chunk: Uint8Array, last: boolean): void {
    let text: string;
    try {
      text = this.decode!(chunk, last);
    } catch {
      // UTF-8 is read where the declaration says so or where there is none (XML's default): say which.
      if (this.declared) throw new MasterFileError(this.name, this.reader.line, 0, 'Die Datei ist nicht gültig UTF-8 kodiert, wie ihre XML-Deklaration sagt.', 'The file is not valid UTF-8 as its XML declaration says.');
      throw new MasterFileError(this.name, this.reader.line, 0, 'Die Datei ist nicht gültig UTF-8 kodiert (ohne encoding="…" in einer XML-Deklaration gilt UTF-8); ist es eine XML-Stammdatei der KBV?', 'The file is not valid UTF-8 (without encoding="…" in an XML declaration, XML is UTF-8); is it a KBV master file?');
    }
    this.reader.write(text);
  }

  end(): MasterCatalogueDoc {
    if (this.decode === null) {
      if (this.pendingBytes === 0) throw new MasterFileError(this.name, 0, 0, 'Die Datei ist leer.', 'The file is empty.');
      this.start();
    }
    this.feed(new Uint8Array(0), true);
    this.reader.close();
    let converted;
    try {
      converted = this.conv.finish();
    } catch (e) {
      if (e instanceof ElementProblem) throw new MasterFileError(this.name, e.at.line, e.at.column, e.de, e.en);
      throw e;
    }
    return catalogueDocument(this.conv, converted, { file: basename(this.name), sha256: this.hash.digest('hex'), schemaRef: this.options.schemaRef, importer: this.options.importer });
  }
}

/**
 * Imports a master file from disk, streaming. `name` (default: the path) is used in messages
 * and, without its folder, in the provenance. Rejects with {@link MasterFileError} or an I/O error.
 */
export async function importMasterFile(masterFile: MasterFile, path: string, options: ImportOptions, name = path): Promise<MasterCatalogueDoc> {
  const imp = new MasterImport(masterFile, name, options);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) imp.write(chunk as Buffer);
  return imp.end();
}
