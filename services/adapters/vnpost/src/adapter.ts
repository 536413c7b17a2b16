// The VNPost adapter: CreateOrder, CancelOrder, TrackOrder, QuotePostage = validate, call, map.
import { bindService, defineAdapter, type Adapter } from '@ndxp/adapter-sdk';
import {
  cancelOrderService,
  CollectionStatus,
  createOrderService,
  isSubsystemToken,
  MeshError,
  quotePostageService,
  trackOrderService,
  VNPOST_PROVIDER,
} from '@ndxp/contracts';
import { creatorOf, mapOrder, mapQuote, mapTracking, toOrderBody, toQuoteBody } from './mapper';
import { CANCEL_REFUSED, type PostalApi } from './postal-api';
import { validateCancelOrder, validateCreateOrder, validateItem, validateQuotePostage } from './validate';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

const refusedCancel = (itemNumber: string): MeshError =>
  new MeshError('client.invalid_argument', `order ${itemNumber} is delivered and can no longer be cancelled`, {
    field: 'item_number',
  });

/** Declares the adapter on the national system's API. */
export function createVnpostAdapter(api: PostalApi): Adapter {
  return defineAdapter({
    name: 'adapter-vnpost',
    provider: VNPOST_PROVIDER,
    version: ADAPTER_VERSION,
    description: "Vietnam Post's public-service postal system (bưu chính công ích)",
    services: [
      bindService(createOrderService, async (request, ctx) => {
        // The consumer is where the order's events go: without one they would reach nobody.
        if (!isSubsystemToken(ctx.consumer)) throw new MeshError('client.malformed', 'the request names no consumer');
        validateCreateOrder(request);
        const answer = await api.createOrder(ctx, toOrderBody(request, ctx.consumer));
        // The national system answers the first order of a (customer, order number) pair: never
        // hand another consumer's order (and its events) to this one.
        if (creatorOf(answer) !== ctx.consumer) {
          throw new MeshError('client.invalid_argument', 'order_number is already used by another consumer for this customer code', {
            field: 'order_number',
          });
        }
        return mapOrder(answer);
      }),
      bindService(cancelOrderService, async (request, ctx) => {
        const itemNumber = validateCancelOrder(request);
        const answer = await api.trackOrder(ctx, itemNumber);
        const current = mapTracking(answer);
        if (creatorOf((answer as { donHang?: unknown }).donHang) !== ctx.consumer) {
          throw new MeshError('client.access_denied', 'only the LGSP that created the order may cancel it');
        }
        if (current.order?.status === CollectionStatus.COLLECTION_STATUS_DELIVERED) throw refusedCancel(itemNumber);
        const cancelled = await api.cancelOrder(ctx, itemNumber, request.reason);
        // Delivered between the check and the cancel: the national system refuses with 409.
        if (cancelled === CANCEL_REFUSED) throw refusedCancel(itemNumber);
        return mapOrder(cancelled);
      }),
      bindService(trackOrderService, async (request, ctx) => mapTracking(await api.trackOrder(ctx, validateItem(request.itemNumber)))),
      bindService(quotePostageService, async (request, ctx) => {
        validateQuotePostage(request);
        return mapQuote(await api.quote(ctx, toQuoteBody(request)));
      }),
    ],
  });
}
