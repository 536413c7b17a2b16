// Public entry of the Vietnam Post simulator: item numbers, tariff, provinces, orders and the HTTP server.
export { computeItemCheckDigit, itemNumber, validateItemNumber, ITEM_NUMBER_WEIGHTS, ITEM_NUMBER_COUNTRY } from './item-number';
export type { ItemNumberResult, ItemNumberProblem } from './item-number';
export { PROVINCES, isProvinceCode } from './provinces';
export type { Province, Region } from './provinces';
export { quote, distanceClass, TARIFF, COD_RATE, COD_MIN_VND, MAX_WEIGHT_GRAMS } from './tariff';
export type { Quote, QuoteInput, DistanceClass, ServiceKind } from './tariff';
export { STATE_EVENTS } from './order';
export type { OrderInput, OrderRecord, OrderState, PartyRecord, StatusEvent, ChangeEntry } from './order';
export { createOrderBook } from './order-book';
export type { OrderBook, OrderBookOptions, CancelOutcome } from './order-book';
export { parseOrderInput, parseQuoteInput, isFieldProblem, PHONE, DEFAULT_WEIGHT_GRAMS } from './parse-input';
export type { FieldProblem } from './parse-input';
export { startSimulator, API_BASE } from './server';
export type { Simulator, SimulatorOptions } from './server';
export { loadConfig } from './config';
export type { SimulatorConfig } from './config';
