// Vietnam Post's public-service postal system (bưu chính công ích), Tổng công ty Bưu điện Việt Nam.
import { PublicPostalDefinition } from '../gen/ndxp/vnpost/v1/public_postal';
import { nationalService } from './national-service';

/** Provider token of Vietnam Post's public-service system. */
export const VNPOST_PROVIDER = 'DN-VNPOST-BCCI';

/** Event name of an order's state change (last token of its event subject). */
export const ORDER_STATUS_CHANGED = 'OrderStatusChanged';

const m = PublicPostalDefinition.methods;
/** Create a dossier pickup or result-delivery order. */
export const createOrderService = nationalService(VNPOST_PROVIDER, PublicPostalDefinition, m.createOrder);
/** Cancel an order that is not delivered yet. */
export const cancelOrderService = nationalService(VNPOST_PROVIDER, PublicPostalDefinition, m.cancelOrder);
/** Track an order: its state and history. */
export const trackOrderService = nationalService(VNPOST_PROVIDER, PublicPostalDefinition, m.trackOrder);
/** Quote postage for an order. */
export const quotePostageService = nationalService(VNPOST_PROVIDER, PublicPostalDefinition, m.quotePostage);
