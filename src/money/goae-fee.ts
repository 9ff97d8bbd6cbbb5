/**
 * GOÄ fees in cents, with decimal.js. All rounding of this project's money happens here,
 * in this order (KBV, KVDT-Datensatzbeschreibung 3.6.5.1, example "5489 → 437,15 € × 1,2 =
 * 524,58 €"):
 *
 * 1. simple fee  = points × point value (5.82873 ct, GOÄ § 5 Abs. 1), rounded half up to
 *    the whole cent (§ 5 Abs. 1 Satz 4);
 * 2. price       = simple fee × factor, rounded half up to the whole cent.
 *
 * Rounding once at the end instead (7500 × 5.82873 × 1.2 = 52458.57 → 52459) gives one cent
 * more for several numbers; the KBV order gives 52458.
 */
import Decimal from 'decimal.js';

/** The one Decimal type used for money: plenty of precision, half-up rounding. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Simple fee (einfacher Gebührensatz) in whole cents. */
export function simpleFeeCents(points: number, pointValueCent: string): Decimal {
  return new Money(points).times(pointValueCent).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
}

/** Price in whole cents as a digit string (FK 5012 format), KBV rounding order. */
export function priceCents(points: number, pointValueCent: string, factor: string): string {
  return simpleFeeCents(points, pointValueCent).times(factor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0);
}
