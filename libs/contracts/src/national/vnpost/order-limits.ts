// What Vietnam Post accepts in an order or a quote: weight, cash-on-delivery amount, phone numbers.

/** Heaviest item accepted, grams. */
export const POSTAL_MAX_WEIGHT_GRAMS = 30_000;
/** Weight assumed when the client gives none (a thin dossier), grams. */
export const POSTAL_DEFAULT_WEIGHT_GRAMS = 500;
/** Largest cash-on-delivery amount accepted, VND. */
export const POSTAL_MAX_COD_VND = 1_000_000_000;
/** Vietnamese phone numbers: 0 or +84, then 9 or 10 digits (separators removed first). */
export const VIETNAMESE_PHONE = /^(?:0|\+84)[1-9][0-9]{8,9}$/;
