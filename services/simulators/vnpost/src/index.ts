// Public entry of the Vietnam Post simulator: tariff, provinces with their regions, orders and the HTTP server.
export { PROVINCES } from './provinces';
export type { Province, Region } from './provinces';
export { quote, distanceClass, TARIFF, COD_RATE, COD_MIN_VND } from './tariff';
export type { Quote, QuoteInput, DistanceClass, ServiceKind } from './tariff';
export { STATE_EVENTS } from './order';
export type { OrderInput, OrderRecord, OrderState, PartyRecord, StatusEvent, ChangeEntry } from './order';
export { createOrderBook } from './order-book';
export type { OrderBook, OrderBookOptions, CancelOutcome } from './order-book';
export { parseOrderInput, parseQuoteInput, isFieldProblem } from './parse-input';
export type { FieldProblem } from './parse-input';
export { startSimulator, API_BASE } from './server';
export type { Simulator, SimulatorOptions } from './server';
