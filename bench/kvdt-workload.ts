/**
 * A generated quarter billing file for the KVDT bench: a practice's ADT package (cases 0101/0102
 * with patient and insurance data, 2–4 diagnoses, 5–20 services on several days; ASV cases with
 * pseudo-GOPs priced in 5011/5012 and the team number, Sachkosten pairs), then a Hybrid-DRG
 * package. Seeded: every run writes the same bytes. About 5 % of the cases have a finding (an
 * ASV price missing or wrong); with `everyCase` every case has one and a correction.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { prng } from './workload';

const SURNAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann'];
const FIRST = ['Anna', 'Jürgen', 'Maria', 'Thomas', 'Ursula', 'Michael', 'Renate', 'Andreas', 'Gisela', 'Stefan', 'Monika', 'Peter'];
const STREETS = ['Hauptstr.', 'Bahnhofstr.', 'Gartenweg', 'Schulstr.', 'Lindenallee', 'Am Markt'];
const EBM = ['03000', '03220', '03221', '03230', '03330', '03360', '03362', '04000', '13250', '13545', '01100', '01410', '32101', '32125', '40120', '01610', '88210'];
const ICD = ['I10.90', 'E11.90', 'J06.9', 'M54.5', 'K21.9', 'E78.0', 'F32.9', 'G30.1', 'C16.0', 'C18.2', 'Z00.0'];
const BSNR = '013201300';
const LANR = '633116027';
const TEAM = '001234577';
/** The insurance number's letter (A–Z) of case `n`: mixed from the first case on, as in a real file (a letter per kind of case would let the engine meet its first non-A number only in the Hybrid-DRG package). */
const insuranceLetter = (n: number): string => String.fromCharCode(65 + ((n * 7) % 26));

export interface QuarterStats {
  bytes: number;
  cases: number;
  services: number;
}

/** Writes a quarter file of about `targetBytes` to `path`. */
export function writeQuarterFile(path: string, targetBytes: number, options: { seed?: number; everyCase?: boolean } = {}): QuarterStats {
  const rnd = prng(options.seed ?? 20260401);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const fd = openSync(path, 'w');
  let buf = Buffer.allocUnsafe(8 * 1024 * 1024);
  let at = 0;
  let bytes = 0;
  const flush = () => {
    writeSync(fd, buf, 0, at);
    bytes += at;
    at = 0;
  };
  const line = (fk: string, content: string) => {
    if (at > buf.length - 2048) flush();
    const start = at;
    at += 3;
    at += buf.write(fk, at, 'latin1');
    at += buf.write(content, at, 'latin1');
    buf[at++] = 0x0d;
    buf[at++] = 0x0a;
    const n = at - start;
    buf[start] = 48 + Math.floor(n / 100);
    buf[start + 1] = 48 + (Math.floor(n / 10) % 10);
    buf[start + 2] = 48 + (n % 10);
  };
  const day = () => `2026${String(4 + Math.floor(rnd() * 3)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;

  line('8000', 'con0');
  line('9103', '20260701');
  line('9106', '4');
  line('9132', '1');
  line('8000', 'besa');
  line('0201', BSNR);
  line('0203', 'Praxis Dr. Beispiel, Muster-Gemeinschaftspraxis');
  line('0212', LANR);
  line('0211', 'Dr. med. Beispiel');
  line('0222', TEAM);
  line('0205', 'Musterstr. 1');
  line('0215', '64283');
  line('0216', 'Darmstadt');
  line('8000', 'adt0');
  line('0105', 'Y/1/2601/36/243');
  line('9212', 'ADT0426.01');
  line('0103', 'Bench-PVS');
  line('9204', '22026');

  let cases = 0;
  let services = 0;
  // Leave room for the Hybrid-DRG package (about 1 % of the cases) and the trailers.
  const adtBytes = targetBytes * 0.985;
  while (bytes + at < adtBytes) {
    cases++;
    const patient = `P${cases}`;
    const referral = rnd() < 0.3;
    line('8000', referral ? '0102' : '0101');
    line('3000', patient);
    line('3101', pick(SURNAMES));
    line('3102', pick(FIRST));
    line('3103', `19${40 + Math.floor(rnd() * 60)}0${1 + Math.floor(rnd() * 9)}1${Math.floor(rnd() * 9)}`);
    line('3119', `${insuranceLetter(cases)}${String(100000000 + cases).slice(-9)}`);
    line('3107', `${pick(STREETS)} ${1 + Math.floor(rnd() * 120)}`);
    line('3112', '64283');
    line('3113', 'Darmstadt');
    line('3114', 'D');
    line('3116', '46');
    line('3108', '1');
    line('3110', rnd() < 0.5 ? 'W' : 'M');
    line('4101', '22026');
    line('4102', '20260401');
    line('4104', '78818');
    line('4106', '00');
    line('4111', '104612144');
    line('4134', 'Techniker Krankenkasse');
    line('4121', '1');
    line('4122', '00');
    if (referral) {
      line('4218', '397604800');
      line('4242', '123456640');
      line('4220', 'Allgemeinmediziner');
      line('4239', '21');
    }
    const asv = options.everyCase || rnd() < 0.06;
    // About 5 % of the cases get a finding: an ASV pseudo-GOP whose price is missing or wrong.
    const wrong = options.everyCase || (asv && rnd() < 0.8);
    const count = 5 + Math.floor(rnd() * 16);
    let date = '';
    for (let s = 0; s < count; s++) {
      if (s === 0 || rnd() < 0.3) {
        date = day();
        line('5000', date);
      }
      services++;
      if (asv && s === 0) {
        line('5001', '88500');
        if (!wrong) line('5012', '52458');
        else if (rnd() < 0.5) line('5012', '52459');
        line('5011', '5489');
        line('5098', BSNR);
        line('5099', LANR);
        line('5100', TEAM);
      } else if (asv && s === 1) {
        line('5001', '50200');
        line('5098', BSNR);
        line('5099', LANR);
        line('5100', TEAM);
      } else {
        const gop = pick(EBM);
        line('5001', gop);
        if (gop === '40120' || gop === '88210' || gop === '01610') {
          // Sachkosten: description and amount in cents.
          line('5011', 'Bezeichnung der Sachkosten');
          line('5012', String(100 + Math.floor(rnd() * 5000)));
        }
        if (rnd() < 0.1) line('5009', 'Begründung: Hausbesuch');
        line('5098', BSNR);
        line('5099', LANR);
      }
    }
    const diagnoses = 2 + Math.floor(rnd() * 3);
    for (let d = 0; d < diagnoses; d++) {
      line('6001', pick(ICD));
      line('6003', 'G');
    }
  }
  line('8000', 'adt9');
  line('8000', 'hdrg0');
  line('0105', 'Y/1/2601/36/243');
  line('9212', 'HDRG0126.01');
  line('0103', 'Bench-PVS');
  while (bytes + at < targetBytes) {
    cases++;
    services++;
    const d = day();
    line('8000', 'hdrg1');
    line('3000', `H${cases}`);
    line('3101', pick(SURNAMES));
    line('3102', pick(FIRST));
    line('3103', '19710101');
    line('3119', `${insuranceLetter(cases)}${String(100000000 + cases).slice(-9)}`);
    line('3110', 'M');
    line('4104', '25830');
    line('4111', '105313145');
    line('5027', rnd() < 0.8 ? 'G24M' : 'I20M');
    line('5028', d);
    line('5029', d);
    line('5034', d);
    line('5035', '5-530.03');
    line('5041', 'L');
    line('5098', BSNR);
    line('5099', LANR);
    line('6009', 'K40.90');
    line('6010', 'L');
  }
  line('8000', 'hdrg9');
  line('8000', 'con9');
  flush();
  // On disk before it is measured, as a practice's quarter file is: the kernel writing back the
  // file just made ran beside the first check and took it from 4.9 to 7.0 s of CPU (3 Dec 2026).
  fsyncSync(fd);
  closeSync(fd);
  return { bytes, cases, services };
}
