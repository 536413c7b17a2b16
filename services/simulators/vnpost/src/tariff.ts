// The simulated postage tariff: deterministic, by weight, distance class and service kind, plus a
// cash-on-delivery fee. Figures are plausible VND amounts, not VNPost's published price list.
import { POSTAL_MAX_WEIGHT_GRAMS } from '@ndxp/contracts';
import { PROVINCES } from './provinces';

/** Same province; same or neighbouring region; North to South. */
export type DistanceClass = 'noi-tinh' | 'lan-can' | 'xa';

/** Loại dịch vụ: 1 pick the dossier up, 2 return the result, 3 both (two trips). */
export type ServiceKind = 1 | 2 | 3;

/** Price of one trip by distance class: the first 500 g, each further 500 g or part, days. */
export const TARIFF: Readonly<Record<DistanceClass, { baseVnd: number; stepVnd: number; days: number }>> = {
  'noi-tinh': { baseVnd: 16_500, stepVnd: 2_500, days: 1 },
  'lan-can': { baseVnd: 22_000, stepVnd: 4_000, days: 2 },
  xa: { baseVnd: 30_000, stepVnd: 6_000, days: 4 },
};

/** Cash-on-delivery fee: 1% of the amount, at least 10,000 VND; nothing when no amount is collected. */
export const COD_RATE = 0.01;
export const COD_MIN_VND = 10_000;

/** A quote's input, already validated (known province codes, weight 1..POSTAL_MAX_WEIGHT_GRAMS). */
export interface QuoteInput {
  fromProvince: string;
  toProvince: string;
  weightGrams: number;
  kind: ServiceKind;
  codVnd: number;
}

/** A quote: postage, cash-on-delivery fee, estimated days. */
export interface Quote {
  distance: DistanceClass;
  postageVnd: number;
  codFeeVnd: number;
  days: number;
}

/** The distance class between two known provinces; throws RangeError on an unknown code. */
export function distanceClass(from: string, to: string): DistanceClass {
  const a = PROVINCES.get(from);
  const b = PROVINCES.get(to);
  if (!a || !b) throw new RangeError(`unknown province code ${a ? to : from}`);
  if (a.code === b.code) return 'noi-tinh';
  const far = (a.region === 'bac' && b.region === 'nam') || (a.region === 'nam' && b.region === 'bac');
  return far ? 'xa' : 'lan-can';
}

/** Prices one order. Both-way orders pay two trips. */
export function quote(input: QuoteInput): Quote {
  if (!Number.isInteger(input.weightGrams) || input.weightGrams < 1 || input.weightGrams > POSTAL_MAX_WEIGHT_GRAMS) {
    throw new RangeError(`weight must be 1..${POSTAL_MAX_WEIGHT_GRAMS} g`);
  }
  const distance = distanceClass(input.fromProvince, input.toProvince);
  const t = TARIFF[distance];
  const extraSteps = Math.ceil(Math.max(0, input.weightGrams - 500) / 500);
  const trip = t.baseVnd + extraSteps * t.stepVnd;
  const codFeeVnd = input.codVnd > 0 ? Math.max(COD_MIN_VND, Math.round(input.codVnd * COD_RATE)) : 0;
  return { distance, postageVnd: input.kind === 3 ? 2 * trip : trip, codFeeVnd, days: t.days };
}
