/**
 * SDHDRG, the KBV Hybrid-DRG master file (interface 2.0.0): per Leistungsbereich the
 * Hybrid-DRGs with their two case prices, then one flat list of the OPS codes that can lead
 * to a Hybrid-DRG. No per-code validity: the header's service_tmr is the catalogue's.
 */
import type { Text } from '../model';
import type { MasterRow } from '../catalogues/master-document';
import { MasterConverter } from './converter';
import { UniqueKeys } from './period-keys';
import { ElementProblem, type XmlPosition } from './master-file-error';
import type { XmlElement } from './xml-reader';
import { codeOf, euroOf, required } from './values';

export const SDHDRG_NS = 'urn:ehd/sdhdrg/001';

/** Interface versions read (1.0.0 had the OPS list per Leistungsbereich and is not read). */
export const SDHDRG_VERSIONS = ['2.0.0'] as const;

const HYBRID_DRG = /^[A-Z]\d{2}[A-Z]$/;
const OPS = /^[1-9]-\d{2}[0-9a-z](\.[0-9a-z]{1,2})?$/;

interface Drg {
  code: string;
  at: XmlPosition;
  name: string | null;
  euro: string | null;
  euroWithAftercare: string | null;
}

export class SdhdrgConverter extends MasterConverter {
  private area: string | null = null;
  private drg: Drg | null = null;
  private ops: { code: string; note: string | null } | null = null;
  private readonly drgs: MasterRow[] = [];
  private readonly opsRows: MasterRow[] = [];
  private readonly drgKeys = new UniqueKeys({ de: 'Die Hybrid-DRG', en: 'Hybrid-DRG' });
  private readonly opsKeys = new UniqueKeys({ de: 'Der OPS-Kode', en: 'OPS code' });

  constructor() {
    super('SDHDRG', { interfaceId: 'SDHDRG', versions: SDHDRG_VERSIONS, documentTypes: ['SDHDRG'] }, { uri: SDHDRG_NS, local: 'sdhdrg_stammdaten' });
  }

  protected element(el: XmlElement, path: readonly string[]): void {
    const parent = path[path.length - 1];
    switch (el.local) {
      case 'leistungsbereich':
        this.area = this.text(required(el, 'V'));
        break;
      case 'hybrid_drg': {
        const code = codeOf(el, HYBRID_DRG, 'Hybrid-DRG-Kode');
        this.drgKeys.add(code, el.at);
        this.drg = { code, at: el.at, name: null, euro: null, euroWithAftercare: null };
        break;
      }
      case 'name':
        if (parent === 'hybrid_drg' && this.drg) this.drg.name = this.text(required(el, 'V'));
        break;
      case 'mit_postoperativ':
      case 'ohne_postoperativ': {
        if (!this.drg) break;
        const unit = el.attr('U');
        if (unit !== undefined && unit !== '2') {
          throw new ElementProblem(el.at, `<${el.local}> hat die Einheit U="${unit}"; erwartet wird 2 (Euro).`, `<${el.local}> has unit U="${unit}"; expected 2 (euro).`);
        }
        if (el.local === 'mit_postoperativ') this.drg.euroWithAftercare = euroOf(el);
        else this.drg.euro = euroOf(el);
        break;
      }
      case 'ops':
        if (parent === 'ops_liste') {
          const code = codeOf(el, OPS, 'OPS-Kode');
          this.opsKeys.add(code, el.at);
          this.ops = { code, note: null };
        }
        break;
      case 'hinweis':
        if (parent === 'ops' && this.ops) this.ops.note = this.text(required(el, 'V'));
        break;
    }
  }

  protected end(el: XmlElement): void {
    if (el.local === 'hybrid_drg' && this.drg) {
      const d = this.drg;
      if (d.euro === null) throw new ElementProblem(d.at, `Die Hybrid-DRG ${d.code} hat keine Bewertung ohne_postoperativ.`, `Hybrid-DRG ${d.code} has no ohne_postoperativ valuation.`);
      if (this.area === null) throw new ElementProblem(d.at, `Die Hybrid-DRG ${d.code} steht in keinem Leistungsbereich.`, `Hybrid-DRG ${d.code} is in no Leistungsbereich.`);
      this.drgs.push([d.code, this.area, d.name ?? '', d.euro, d.euroWithAftercare]);
      this.drg = null;
    } else if (el.local === 'ops' && this.ops) {
      this.opsRows.push([this.ops.code, this.ops.note]);
      this.ops = null;
    } else if (el.local === 'leistungsbereich') {
      this.area = null;
    }
  }

  protected rows(): Record<string, MasterRow[]> {
    if (!this.drgs.length) throw new ElementProblem({ line: 1, column: 1 }, 'Die Datei enthält keine Hybrid-DRG.', 'The file holds no Hybrid-DRG.');
    return { hybridDrg: this.drgs, ops: this.opsRows };
  }

  protected override notes(): Text[] {
    const notes: Text[] = [];
    const uneven = this.drgs.filter((r) => r[4] !== null && cents(r[4] as string) - cents(r[3] as string) !== 3000).map((r) => r[0] as string);
    if (uneven.length) {
      // The interface description says the hospital price is 30 € higher; the data say otherwise here.
      notes.push({
        de: `Bei ${uneven.join(', ')} liegt mit_postoperativ nicht 30,00 € über ohne_postoperativ; übernommen wie in der Datei.`,
        en: `For ${uneven.join(', ')} mit_postoperativ is not 30.00 € above ohne_postoperativ; taken as in the file.`,
      });
    }
    return notes;
  }
}

function cents(euro: string): number {
  const [e, c] = euro.split('.');
  return Number(e) * 100 + Number(c);
}
