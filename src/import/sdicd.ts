/**
 * SDICD, the KBV ICD-10-GM master file (interface 1.2 … 2.4): chapters, groups and nested
 * diagnoses. A diagnose with abrechenbar="n" is a non-terminal code (its children follow in
 * its own diagnosen_liste); notationskennzeichen marks primary (+) and secondary (*, !) codes.
 * No per-code validity: the header's service_tmr is the catalogue's. Thesaurus entries,
 * doctor groups and coding instructions are not taken over.
 */
import type { MasterRow } from '../catalogues/master-document';
import { MasterConverter } from './converter';
import { ElementProblem, type XmlPosition } from './master-file-error';
import { UniqueKeys } from './period-keys';
import type { XmlElement } from './xml-reader';
import { flagOf, oneOf, required } from './values';

export const SDICD_NS = 'urn:ehd/icd/001';
/** The versions the SDICD 2.4.0 header schema enumerates. */
export const SDICD_VERSIONS = ['1.2', '1.3', '1.4', '2.0', '2.1', '2.2', '2.3', '2.4'] as const;

// icd_body.xsd: [A-Z](\d{1,2})?(\.)?(\d)?(\d|[\*\+\-])? — and a trailing "!" is accepted too.
const ICD = /^[A-Z](\d{1,2})?\.?\d?[\d*+\-!]?$/;

interface Diagnosis {
  slot: number;
  at: XmlPosition;
  code: string | null;
  title: string;
  billable: boolean | null;
  notation: string | null;
  sex: string | null;
  sexError: string | null;
  ageMin: string | null;
  ageMax: string | null;
  ageError: string | null;
  rare: boolean | null;
  contentAssigned: boolean | null;
  ifsgReport: boolean | null;
  ifsgBilling: boolean | null;
  notPermanent: boolean | null;
}

export class SdicdConverter extends MasterConverter {
  private chapter: number | null = null;
  private readonly openDiagnoses: Diagnosis[] = [];
  private readonly out: (MasterRow | null)[] = [];
  private readonly keys = new UniqueKeys({ de: 'Der ICD-Kode', en: 'ICD code' });

  constructor() {
    super('SDICD', { interfaceId: 'SDICD', versions: SDICD_VERSIONS, documentTypes: ['icd', 'ICD'] }, { uri: SDICD_NS, local: 'icd_stammdaten' });
  }

  protected element(el: XmlElement, path: readonly string[]): void {
    const parent = path[path.length - 1];
    if (el.local === 'nummer' && parent === 'kapitel') {
      const v = required(el, 'V');
      if (!/^\d{1,2}$/.test(v)) throw new ElementProblem(el.at, `Ungültige Kapitelnummer "${v}".`, `Invalid chapter number "${v}".`);
      this.chapter = Number(v);
      return;
    }
    if (el.local === 'diagnose') {
      // The row keeps its place in file order (parents before their children); it is filled at the end tag.
      this.openDiagnoses.push({
        slot: this.out.push(null) - 1,
        at: el.at,
        code: null,
        title: '',
        billable: null,
        notation: null,
        sex: null,
        sexError: null,
        ageMin: null,
        ageMax: null,
        ageError: null,
        rare: null,
        contentAssigned: null,
        ifsgReport: null,
        ifsgBilling: null,
        notPermanent: null,
      });
      return;
    }
    const d = this.openDiagnoses[this.openDiagnoses.length - 1];
    if (!d || parent !== 'diagnose') return;
    switch (el.local) {
      case 'icd_code': {
        const v = required(el, 'V');
        if (!ICD.test(v)) throw new ElementProblem(el.at, `Ungültiger ICD-Kode "${v}".`, `Invalid ICD code "${v}".`);
        const mark = v.charAt(v.length - 1);
        if (mark === '*' || mark === '+' || mark === '!') {
          // The marker belongs in notationskennzeichen; a code written with it is the same code.
          d.code = v.slice(0, -1);
          d.notation ??= mark;
        } else d.code = v;
        break;
      }
      case 'bezeichnung':
        d.title = this.text(required(el, 'V'));
        break;
      case 'abrechenbar':
        d.billable = flagOf(el, 'j', 'n');
        break;
      case 'notationskennzeichen':
        d.notation = oneOf(el, ['+', '*', '!']);
        break;
      case 'geschlechtsbezug':
        d.sex = oneOf(el, ['m', 'w']);
        break;
      case 'geschlechtsbezug_fehlerart':
        d.sexError = oneOf(el, ['k', 'm']);
        break;
      case 'untere_altersgrenze':
        d.ageMin = age(el);
        break;
      case 'obere_altersgrenze':
        d.ageMax = age(el);
        break;
      case 'altersbezug_fehlerart':
        d.ageError = oneOf(el, ['k', 'm']);
        break;
      case 'krankheit_in_mitteleuropa_sehr_selten':
        d.rare = flagOf(el, 'j', 'n');
        break;
      case 'schlüsselnummer_mit_inhalt_belegt':
        d.contentAssigned = flagOf(el, 'j', 'n');
        break;
      case 'infektionsschutzgesetz_meldepflicht':
        d.ifsgReport = flagOf(el, 'j', 'n');
        break;
      case 'infektionsschutzgesetz_abrechnungsbesonderheit':
        d.ifsgBilling = flagOf(el, 'j', 'n');
        break;
      case 'keine_dauerdiagnose':
        d.notPermanent = flagOf(el, '1', '0');
        break;
    }
  }

  protected end(el: XmlElement): void {
    if (el.local !== 'diagnose') return;
    const d = this.openDiagnoses.pop()!;
    if (d.code === null) throw new ElementProblem(d.at, 'Eine Diagnose hat keinen icd_code.', 'A diagnose has no icd_code.');
    if (d.billable === null) throw new ElementProblem(d.at, `Der ICD-Kode ${d.code} hat kein abrechenbar.`, `ICD code ${d.code} has no abrechenbar.`);
    this.keys.add(d.code, d.at);
    this.out[d.slot] = [
      d.code,
      d.title,
      d.billable,
      d.notation,
      d.sex,
      d.sexError,
      d.ageMin,
      d.ageMax,
      d.ageError,
      d.rare,
      d.contentAssigned,
      d.ifsgReport,
      d.ifsgBilling,
      d.notPermanent,
      this.chapter,
    ];
  }

  protected rows(): Record<string, MasterRow[]> {
    if (!this.out.length) throw new ElementProblem({ line: 1, column: 1 }, 'Die Datei enthält keine Diagnose.', 'The file holds no diagnose.');
    return { icd: this.out as MasterRow[] };
  }
}

/** An age limit: V (0–999) with U "Jahr" or "Tag" → "18y" / "28d". */
function age(el: XmlElement): string {
  const v = required(el, 'V');
  const unit = el.attr('U');
  if (!/^\d{1,3}$/.test(v) || (unit !== 'Jahr' && unit !== 'Tag')) {
    throw new ElementProblem(el.at, `Ungültige Altersgrenze V="${v}" U="${unit ?? ''}" (erwartet Zahl mit U="Jahr" oder "Tag").`, `Invalid age limit V="${v}" U="${unit ?? ''}" (expected a number with U="Jahr" or "Tag").`);
  }
  return `${Number(v)}${unit === 'Jahr' ? 'y' : 'd'}`;
}
