// Checks a request before the national system sees it: a refusal is client.invalid_argument naming
// the proto field (e.g. sender.phone), so the LGSP knows what to fix.
import {
  isProvinceCode,
  MeshError,
  OrderKind,
  POSTAL_MAX_COD_VND,
  POSTAL_MAX_WEIGHT_GRAMS,
  validateItemNumber,
  VIETNAMESE_PHONE,
  type CancelOrderRequest,
  type CreateOrderRequest,
  type Party,
  type QuotePostageRequest,
} from '@ndxp/contracts';

/** Largest cash-on-delivery amount accepted (the national system's limit). */
export const MAX_COD_VND = POSTAL_MAX_COD_VND;

const invalid = (field: string, message: string): MeshError => new MeshError('client.invalid_argument', message, { field });

/** A phone number without the separators people type: spaces, dots, dashes, parentheses. */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s.()-]/g, '');
}

function checkParty(party: Party | undefined, role: 'sender' | 'receiver'): void {
  if (!party) throw invalid(role, `${role} is required`);
  for (const key of ['name', 'phone', 'province', 'address'] as const) {
    if (party[key].trim() === '') throw invalid(`${role}.${key}`, `${role}.${key} is required`);
  }
  if (!VIETNAMESE_PHONE.test(normalisePhone(party.phone))) {
    throw invalid(`${role}.phone`, `${role}.phone must be a Vietnamese number: 0 or +84, then 9 or 10 digits`);
  }
  if (!isProvinceCode(party.province.trim())) {
    throw invalid(`${role}.province`, `${role}.province must be a province code such as 01 or 79`);
  }
}

const KINDS: ReadonlySet<number> = new Set([
  OrderKind.ORDER_KIND_UNSPECIFIED,
  OrderKind.ORDER_KIND_DOSSIER_PICKUP,
  OrderKind.ORDER_KIND_RESULT_DELIVERY,
  OrderKind.ORDER_KIND_BOTH,
]);

// UNSPECIFIED is accepted and means a dossier pickup; values the proto does not know are refused.
function checkKind(kind: OrderKind): void {
  if (!KINDS.has(kind)) throw invalid('kind', 'kind is not a known OrderKind');
}

function checkAmounts(weightGrams: number, codAmountVnd: number): void {
  if (!Number.isInteger(weightGrams) || weightGrams < 0 || weightGrams > POSTAL_MAX_WEIGHT_GRAMS) {
    throw invalid('weight_grams', `weight_grams must be 0..${POSTAL_MAX_WEIGHT_GRAMS} (0 = a 500 g dossier)`);
  }
  if (!Number.isSafeInteger(codAmountVnd) || codAmountVnd < 0 || codAmountVnd > MAX_COD_VND) {
    throw invalid('cod_amount_vnd', `cod_amount_vnd must be 0..${MAX_COD_VND}`);
  }
}

/** Validates CreateOrder; throws client.invalid_argument naming the first bad field. */
export function validateCreateOrder(request: CreateOrderRequest): void {
  if (request.orderNumber.trim() === '') throw invalid('order_number', 'order_number is required');
  if (request.orderNumber.length > 64) throw invalid('order_number', 'order_number is longer than 64 characters');
  if (request.dossierCode.trim() === '') throw invalid('dossier_code', 'dossier_code is required');
  checkKind(request.kind);
  checkParty(request.sender, 'sender');
  checkParty(request.receiver, 'receiver');
  checkAmounts(request.weightGrams, request.codAmountVnd);
}

/**
 * Validates an S10 item number of any issuing country with its check digit; returns it canonical
 * (trimmed, capitals). Whether Vietnam Post holds the item is the national system's answer: a valid
 * foreign number goes on to it and comes back client.not_found, like an unknown Vietnamese one.
 */
export function validateItem(itemNumber: string): string {
  const result = validateItemNumber(itemNumber);
  if (!result.valid) throw invalid('item_number', result.reason);
  return result.itemNumber;
}

/** Validates CancelOrder; returns the canonical item number. */
export function validateCancelOrder(request: CancelOrderRequest): string {
  if (request.reason.length > 500) throw invalid('reason', 'reason is longer than 500 characters');
  return validateItem(request.itemNumber);
}

/** Validates QuotePostage. */
export function validateQuotePostage(request: QuotePostageRequest): void {
  for (const [field, value] of [
    ['sender_province', request.senderProvince],
    ['receiver_province', request.receiverProvince],
  ] as const) {
    if (!isProvinceCode(value.trim())) throw invalid(field, `${field} must be a province code such as 01 or 79`);
  }
  checkKind(request.kind);
  checkAmounts(request.weightGrams, request.codAmountVnd);
}
