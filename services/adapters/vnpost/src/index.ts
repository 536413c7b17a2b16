// Public entry of the VNPost adapter: its definition (runAdapter / startAdapter; the event relay runs with it), and its pure parts.
export { vnpostAdapter, ADAPTER_VERSION } from './adapter';
export { postalApi } from './postal-api';
export type { PostalApi } from './postal-api';
export { startEventRelay } from './event-relay';
export type { EventRelay, EventRelayOptions } from './event-relay';
export { openFeedCursor } from './feed-cursor';
export type { FeedCursor, FeedPosition } from './feed-cursor';
export {
  mapOrder,
  mapTracking,
  mapQuote,
  mapChange,
  mapStatus,
  mapKind,
  mapEvent,
  toOrderBody,
  toQuoteBody,
  toServiceKind,
  creatorOf,
} from './mapper';
export type { MappedChange } from './mapper';
export { validateCreateOrder, validateCancelOrder, validateQuotePostage, validateItem, normalisePhone, MAX_COD_VND } from './validate';
