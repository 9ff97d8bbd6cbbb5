/**
 * The KBV "ehd" envelope every master file shares: `ehd` root with `header` and `body` in the
 * namespace urn:ehd/001; the header names the file type, the interface and its version, the
 * validity (service_tmr) and the creation date (origination_dttm), all in attributes.
 */
import { ElementProblem, type XmlPosition } from './master-file-error';
import type { XmlElement } from './xml-reader';
import { isIsoDate } from '../facts/entry';
import { periodOf, required, type Period } from './values';

export const EHD_NS = 'urn:ehd/001';

export interface EhdHeader {
  fileId: string | null;
  documentType: string | null;
  serviceTmr: string | null;
  /** service_tmr read as a period. */
  validity: Period | null;
  originationDttm: string | null;
  publisher: string | null;
  interfaceId: string | null;
  interfaceVersion: string | null;
  /** Where the interface version stands (for errors about it). */
  versionAt: XmlPosition | null;
}

/** What a master file's header must say for one importer. */
export interface HeaderExpectation {
  /** header/interface/id/@EX. */
  interfaceId: string;
  /** Accepted header/interface/version/@V values. */
  versions: readonly string[];
  /** Accepted header/document_type_cd/@V values. */
  documentTypes: readonly string[];
}

/** Collects the header from the elements below `header`; checks it when the body starts. */
export class EhdHeaderReader {
  readonly header: EhdHeader = {
    fileId: null,
    documentType: null,
    serviceTmr: null,
    validity: null,
    originationDttm: null,
    publisher: null,
    interfaceId: null,
    interfaceVersion: null,
    versionAt: null,
  };
  private rootChecked = false;

  constructor(private readonly expect: HeaderExpectation) {}

  /** Takes the root element and the elements of the header. */
  open(el: XmlElement, path: readonly string[]): void {
    if (!this.rootChecked) {
      this.rootChecked = true;
      if (el.uri !== EHD_NS || el.local !== 'ehd') {
        throw new ElementProblem(
          el.at,
          `Das Wurzelelement ist <${el.local}> (${el.uri || 'ohne Namensraum'}), erwartet wird <ehd> im Namensraum ${EHD_NS}: keine KBV-Stammdatei.`,
          `The root element is <${el.local}> (${el.uri || 'no namespace'}); expected <ehd> in namespace ${EHD_NS}: not a KBV master file.`,
        );
      }
      return;
    }
    if (path.length < 2 || path[1] !== 'header' || el.uri !== EHD_NS) return;
    const parent = path[path.length - 1];
    const h = this.header;
    switch (el.local) {
      case 'id':
        if (parent === 'header') h.fileId = el.attr('EX') ?? null;
        else if (parent === 'organization' && path[path.length - 2] === 'provider') h.publisher ??= el.attr('EX') ?? null;
        else if (parent === 'interface') h.interfaceId = el.attr('EX') ?? null;
        break;
      case 'document_type_cd':
        h.documentType = el.attr('V') ?? null;
        break;
      case 'service_tmr':
        if (parent === 'header') {
          h.validity = periodOf(el);
          h.serviceTmr = el.attr('V')!;
        }
        break;
      case 'origination_dttm': {
        const v = required(el, 'V');
        // A date, optionally with time and zone ("2019-06-14+02:00").
        if (!isIsoDate(v.slice(0, 10)) || !/^\d{4}-\d{2}-\d{2}([T+\-Z].*)?$/.test(v)) {
          throw new ElementProblem(el.at, `Ungültiges Erstellungsdatum "${v}" (origination_dttm).`, `Invalid creation date "${v}" (origination_dttm).`);
        }
        h.originationDttm = v;
        break;
      }
      case 'version':
        if (parent === 'interface') {
          h.interfaceVersion = el.attr('V') ?? null;
          h.versionAt = el.at;
        }
        break;
    }
  }

  /** Checks the header when `body` opens: the right interface, a known version, a creation date. */
  check(body: XmlElement): void {
    const h = this.header;
    const e = this.expect;
    if (h.interfaceId !== e.interfaceId) {
      throw new ElementProblem(
        body.at,
        `Die Datei ist keine ${e.interfaceId}-Stammdatei: header/interface/id nennt ${h.interfaceId === null ? 'nichts' : `"${h.interfaceId}"`}.`,
        `The file is not an ${e.interfaceId} master file: header/interface/id says ${h.interfaceId === null ? 'nothing' : `"${h.interfaceId}"`}.`,
      );
    }
    if (h.interfaceVersion === null || !e.versions.includes(h.interfaceVersion)) {
      throw new ElementProblem(
        h.versionAt ?? body.at,
        `Unbekannte Schnittstellenversion ${h.interfaceVersion === null ? '(keine)' : `"${h.interfaceVersion}"`} der ${e.interfaceId}; eingelesen werden: ${e.versions.join(', ')}.`,
        `Unknown ${e.interfaceId} interface version ${h.interfaceVersion === null ? '(none)' : `"${h.interfaceVersion}"`}; supported: ${e.versions.join(', ')}.`,
      );
    }
    if (h.documentType === null || !e.documentTypes.includes(h.documentType)) {
      throw new ElementProblem(
        body.at,
        `Unbekannte Dateiart (document_type_cd) ${h.documentType === null ? '(keine)' : `"${h.documentType}"`}; erwartet: ${e.documentTypes.join(', ')}.`,
        `Unknown file type (document_type_cd) ${h.documentType === null ? '(none)' : `"${h.documentType}"`}; expected: ${e.documentTypes.join(', ')}.`,
      );
    }
    if (h.originationDttm === null) {
      throw new ElementProblem(body.at, 'Der Kopf nennt kein Erstellungsdatum (origination_dttm).', 'The header has no creation date (origination_dttm).');
    }
  }
}
