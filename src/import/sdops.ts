/**
 * SDOPS, the KBV OPS master file (interface 01.00): one `opscode` per codable (terminal) OPS
 * code with its own validity (gueltigkeit), the side flag kzseite (J: FK 5041 must be given),
 * the § 115b category and the title. Parent codes are not in the file: a code that is missing,
 * or not valid on the date, is not a valid OPS code.
 */
import type { MasterRow } from '../catalogues/master-document';
import { MasterConverter } from './converter';
import { ElementProblem, type XmlPosition } from './master-file-error';
import type { XmlElement } from './xml-reader';
import { codeOf, flagOf, oneOf, periodOf, required, type Period } from './values';
import { PeriodKeys } from './period-keys';

export const SDOPS_NS = 'urn:ehd/sdops/001';
export const SDOPS_VERSIONS = ['01.00'] as const;

const OPS = /^[1-9]-\d{2}[0-9a-z](\.[0-9a-z]{1,2})?$/;

interface Code {
  code: string;
  at: XmlPosition;
  title: string;
  period: Period | null;
  side: boolean | null;
  aop115b: string | null;
  aop115bNote: string | null;
  medicalReason: boolean;
}

export class SdopsConverter extends MasterConverter {
  private cur: Code | null = null;
  private readonly out: MasterRow[] = [];
  private readonly keys = new PeriodKeys({ de: 'Der OPS-Kode', en: 'OPS code' });

  constructor() {
    super('SDOPS', { interfaceId: 'SDOPS', versions: SDOPS_VERSIONS, documentTypes: ['sdops', 'SDOPS'] }, { uri: SDOPS_NS, local: 'opscode_liste' });
  }

  protected element(el: XmlElement, path: readonly string[]): void {
    if (el.local === 'opscode') {
      const code = codeOf(el, OPS, 'OPS-Kode');
      this.cur = { code, at: el.at, title: this.text(el.attr('DN') ?? ''), period: null, side: null, aop115b: null, aop115bNote: null, medicalReason: false };
      return;
    }
    const c = this.cur;
    if (!c || path[path.length - 1] !== 'opscode') return;
    switch (el.local) {
      case 'gueltigkeit':
        c.period = periodOf(el);
        c.period = { from: this.intern(c.period.from), until: this.intern(c.period.until) };
        break;
      case 'kzseite':
        c.side = flagOf(el, 'J', 'N');
        break;
      case 'kz115b':
        c.aop115b = oneOf(el, ['1', '2', 's']);
        break;
      case 'kz115b_info':
        c.aop115bNote = this.text(required(el, 'V'));
        break;
      case 'kzmedbegruendung':
        c.medicalReason = flagOf(el, 'J', 'N');
        break;
    }
  }

  protected end(el: XmlElement): void {
    if (el.local !== 'opscode' || !this.cur) return;
    const c = this.cur;
    this.cur = null;
    if (c.period === null) throw new ElementProblem(c.at, `Der OPS-Kode ${c.code} hat keine gueltigkeit.`, `OPS code ${c.code} has no gueltigkeit.`);
    if (c.side === null) throw new ElementProblem(c.at, `Der OPS-Kode ${c.code} hat kein kzseite.`, `OPS code ${c.code} has no kzseite.`);
    this.keys.add(c.code, c.period, c.at);
    this.out.push([c.code, c.period.from, c.period.until, c.side, c.aop115b, c.aop115bNote, c.medicalReason, c.title]);
  }

  protected rows(): Record<string, MasterRow[]> {
    if (!this.out.length) throw new ElementProblem({ line: 1, column: 1 }, 'Die Datei enthält keinen OPS-Kode.', 'The file holds no OPS code.');
    return { ops: this.out };
  }
}
