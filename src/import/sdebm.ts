/**
 * SDEBM, the KBV EBM master file (Satzarten 850–853, interface 01.20 … 01.62): one `gnr` per
 * fee number (GOP) with its validity (allgemein/gueltigkeit/service_tmr), its place in the EBM
 * (legende/kap_bez: Bereich, Kapitel, Abschnitt; Bereich VII = ASV only), short text,
 * valuations (points or euro), the KVDT fields it requires (gnr_zusatzangabe, e.g. 5035) and
 * the OPS codes that justify it (bedingung/begruendungen_liste/ops_liste). Long texts, notes,
 * exclusions and KV sections are not taken over.
 */
import type { MasterRow } from '../catalogues/master-document';
import { MasterConverter } from './converter';
import { ElementProblem, type XmlPosition } from './master-file-error';
import { PeriodKeys } from './period-keys';
import type { XmlElement } from './xml-reader';
import { codeOf, flagOf, periodOf, required, type Period } from './values';

export const SDEBM_NS = 'urn:ehd/go/001';
/** Versions of the SDEBM header schemas 1.61 (01.20 … 01.61) and 1.62 (01.62). */
export const SDEBM_VERSIONS = ['01.20', '01.30', '01.40', '01.50', '01.60', '01.61', '01.62'] as const;

const GOP = /^\d{5}\p{Lu}?$/u;
const OPS = /^[1-9]-\d{2}[0-9a-z](\.[0-9a-z]{1,2})?$/;
const VALUE = /^-?(\d+(\.\d{1,2})?|\.\d{1,2})$/;
/** S_KBV_VALUTAEINHEIT (OID 1.2.276.0.76.5.236). */
const UNITS: Record<string, string> = { '0': 'unknown', '1': 'points', '2': 'euro', '5': 'unrated' };

interface Gop {
  code: string;
  at: XmlPosition;
  depth: number;
  period: Period | null;
  originator: string | null;
  chapterPath: string | null;
  area: string | null;
  chapter: string | null;
  section: string | null;
  subsection: string | null;
  shortText: string | null;
  valuations: (string | null)[][];
  additionalFields: string[];
  aop115b: boolean;
}

export class SdebmConverter extends MasterConverter {
  private gop: Gop | null = null;
  private valuation: (string | null)[] | null = null;
  private opsListed = true;
  private category: string | null = null;
  private ops: (string | boolean | null)[] | null = null;
  private readonly gops: MasterRow[] = [];
  private readonly gopOps: MasterRow[] = [];
  private readonly keys = new PeriodKeys({ de: 'Die GOP', en: 'GOP' });

  constructor() {
    super('SDEBM', { interfaceId: 'SDEBM', versions: SDEBM_VERSIONS, documentTypes: ['850', '851', '852', '853'] }, { uri: SDEBM_NS, local: 'gnr_liste' });
  }

  protected element(el: XmlElement, path: readonly string[]): void {
    const n = path.length;
    const parent = path[n - 1];
    if (el.local === 'gnr' && parent === 'gnr_liste' && path[n - 2] === 'body') {
      this.gop = {
        code: codeOf(el, GOP, 'Gebührenordnungsposition'),
        at: el.at,
        depth: n,
        period: null,
        originator: this.intern(el.attr('USE') ?? null),
        chapterPath: null,
        area: null,
        chapter: null,
        section: null,
        subsection: null,
        shortText: null,
        valuations: [],
        additionalFields: [],
        aop115b: false,
      };
      return;
    }
    const g = this.gop;
    if (!g) return;
    // path[g.depth] is the gnr itself, path[g.depth + 1] the part of it the element is in: allgemein, bedingung, regel, kv, …
    const section = path[g.depth + 1];
    if (section === 'allgemein') this.general(g, el, parent, path[n - 2]);
    else if (section === 'bedingung') this.condition(g, el, parent);
  }

  private general(g: Gop, el: XmlElement, parent: string | undefined, grandparent: string | undefined): void {
    switch (el.local) {
      case 'service_tmr':
        if (parent === 'gueltigkeit') {
          const p = periodOf(el);
          g.period = { from: this.intern(p.from), until: this.intern(p.until) };
        }
        break;
      case 'kap_bez':
        if (parent === 'legende') g.chapterPath = this.intern(required(el, 'V'));
        break;
      case 'bereich':
      case 'kapitel':
      case 'abschnitt':
      case 'uabschnitt':
        if (parent === 'kap_bez' && grandparent === 'legende') {
          const v = this.intern(required(el, 'V'));
          if (el.local === 'bereich') g.area = v;
          else if (el.local === 'kapitel') g.chapter = v;
          else if (el.local === 'abschnitt') g.section = v;
          else g.subsection = v;
        }
        break;
      case 'kurztext':
        if (parent === 'legende') g.shortText = this.text(required(el, 'V'));
        break;
      case 'bewertung':
        if (parent === 'bewertung_liste') {
          const value = required(el, 'V');
          if (!VALUE.test(value)) throw new ElementProblem(el.at, `Ungültige Bewertung "${value}".`, `Invalid valuation "${value}".`);
          const code = required(el, 'U');
          const unit = UNITS[code];
          if (unit === undefined) {
            throw new ElementProblem(el.at, `Unbekannte Einheit U="${code}" der Bewertung (bekannt: 0, 1 Punkte, 2 Euro, 5 unbewertet).`, `Unknown valuation unit U="${code}" (known: 0, 1 points, 2 euro, 5 unrated).`);
          }
          this.valuation = [value, unit, null, null];
        }
        break;
      case 'leistungserbringerart':
        if (parent === 'bewertung' && this.valuation) this.valuation[2] = this.intern(required(el, 'V'));
        break;
      case 'leistung_typ':
        if (parent === 'bewertung' && this.valuation) this.valuation[3] = this.intern(required(el, 'V'));
        break;
    }
  }

  private condition(g: Gop, el: XmlElement, parent: string | undefined): void {
    switch (el.local) {
      case 'gnr_zusatzangabe': {
        const v = this.intern(required(el, 'V'));
        if (!g.additionalFields.includes(v)) g.additionalFields.push(v);
        break;
      }
      case 'aop_115b':
        if (parent === 'bedingung') g.aop115b = flagOf(el, 'true', 'false');
        break;
      case 'ops_liste':
        if (parent === 'begruendungen_liste') {
          this.opsListed = flagOf(el, 'true', 'false');
          this.category = null;
        }
        break;
      case 'kategorie':
        if (parent === 'ops_liste') this.category = this.intern(required(el, 'V'));
        break;
      case 'ops':
        if (parent === 'kategorie' || parent === 'ops_liste') {
          this.ops = [g.code, codeOf(el, OPS, 'OPS-Kode'), parent === 'kategorie' ? this.category : null, el.attr('R') === '115b', null, this.opsListed];
        }
        break;
      case 'seite':
        if (parent === 'ops' && this.ops) this.ops[4] = this.intern(required(el, 'V'));
        break;
    }
  }

  protected end(el: XmlElement, path: readonly string[]): void {
    const g = this.gop;
    if (!g) return;
    if (el.local === 'bewertung' && this.valuation) {
      g.valuations.push(this.valuation);
      this.valuation = null;
    } else if (el.local === 'ops' && this.ops) {
      this.gopOps.push(this.ops);
      this.ops = null;
    } else if (el.local === 'gnr' && path.length === g.depth) {
      this.gop = null;
      if (g.period === null) throw new ElementProblem(g.at, `Die GOP ${g.code} hat keine Gültigkeit (allgemein/gueltigkeit/service_tmr).`, `GOP ${g.code} has no validity (allgemein/gueltigkeit/service_tmr).`);
      this.keys.add(g.code, g.period, g.at);
      this.gops.push([
        g.code,
        g.period.from,
        g.period.until,
        g.originator,
        g.chapterPath,
        g.area,
        g.chapter,
        g.section,
        g.subsection,
        g.shortText,
        g.valuations,
        g.additionalFields,
        g.aop115b,
      ]);
    }
  }

  protected rows(): Record<string, MasterRow[]> {
    if (!this.gops.length) throw new ElementProblem({ line: 1, column: 1 }, 'Die Datei enthält keine GOP.', 'The file holds no GOP.');
    return { gop: this.gops, gopOps: this.gopOps };
  }
}
