/**
 * ASV team number (FK 5100, 0222, 4225, 4226): nine digits `00nnnnnnP`. The check digit P is
 * computed modulo 10 over digits 3–8, weighted 4, 9, 4, 9, 4, 9 from the left; P is the
 * distance of the sum to the next multiple of 10 (0 when the sum is one). KVDT-Datensatz-
 * beschreibung 2.3.1, footnote 3 (rule 059); KBV examples 001234566 and 001234577.
 */
import { isDigits } from './entry';

export type TeamNumberStatus = 'ok' | 'format' | 'check-digit';

export function asvTeamNumberStatus(value: string): TeamNumberStatus {
  if (value.length !== 9 || value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 48 || !isDigits(value)) return 'format';
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (value.charCodeAt(2 + i) - 48) * (i % 2 === 0 ? 4 : 9);
  const check = (10 - (sum % 10)) % 10;
  return value.charCodeAt(8) - 48 === check ? 'ok' : 'check-digit';
}
