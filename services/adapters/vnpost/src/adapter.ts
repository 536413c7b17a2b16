// The VNPost adapter: CreateOrder, CancelOrder, TrackOrder, QuotePostage = validate, call, map.
import { bindService, createUpstream, defineAdapter, intSetting, textSetting } from '@ndxp/adapter-sdk';
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
import { startEventRelay } from './event-relay';
import { openFeedCursor } from './feed-cursor';
import { creatorOf, mapOrder, mapQuote, mapTracking, toOrderBody, toQuoteBody } from './mapper';
import { CANCEL_REFUSED, postalApi } from './postal-api';
import { validateCancelOrder, validateCreateOrder, validateItem, validateQuotePostage } from './validate';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

const refusedCancel = (itemNumber: string): MeshError =>
  new MeshError('client.invalid_argument', `order ${itemNumber} is delivered and can no longer be cancelled`, {
    field: 'item_number',
  });

/**
 * The four services on the national system's REST API ({VNPOST_UPSTREAM_URL}/bccI/v1), and the relay
 * of its change feed to the creating LGSP's events (started and stopped with the services).
 */
export const vnpostAdapter = defineAdapter({
  name: 'adapter-vnpost',
  provider: VNPOST_PROVIDER,
  version: ADAPTER_VERSION,
  description: "Vietnam Post's public-service postal system (bưu chính công ích)",
  envPrefix: 'VNPOST',
  upstream: { name: 'VNPost bưu chính công ích', defaultUrl: 'http://127.0.0.1:8084' },
  settings: {
    pollMs: intSetting('VNPOST_POLL_MS', { fallback: 1000, min: 1, max: 3_600_000, meaning: 'pause between polls of the change feed' }),
    pollBatch: intSetting('VNPOST_POLL_BATCH', { fallback: 100, min: 1, max: 1000, meaning: 'changes asked for per poll' }),
    cursorBucket: textSetting('VNPOST_CURSOR_BUCKET', {
      fallback: 'ndxp_vnpost_feed',
      pattern: /^[-\w]+$/,
      mustBe: 'letters, digits, - or _',
      meaning: 'JetStream KV bucket of the feed cursor, shared by every replica (one per national feed)',
    }),
  },
  onStart: async ({ nc, logger, settings: { upstream, own, common } }) => {
    // The relay has its own upstream: its failures while polling must not open the requests' breaker.
    const feed = postalApi(createUpstream({ ...upstream, retries: 0, logger }));
    const cursor = await openFeedCursor(nc, own.cursorBucket);
    const relay = await startEventRelay({
      nc,
      api: feed,
      cursor,
      logger,
      pollMs: own.pollMs,
      batch: own.pollBatch,
      timeoutMs: upstream.timeoutMs,
      streamReplicas: common.streamReplicas,
    });
    return () => relay.stop();
  },
  readyFields: ({ upstream, own }) => ({ upstreamUrl: upstream.baseUrl, pollMs: own.pollMs }),
  services: ({ upstream }) => {
    const api = postalApi(upstream);
    return [
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
    ];
  },
});
