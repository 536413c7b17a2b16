// The meter event of a transaction as it starts: who asked what, when, and its trace; the rest
// (forwarded, answered, code, bytes, duration) is filled in as the transaction goes.
import { nuid } from '@nats-io/nats-core';
import { MeterEvent } from '@ndxp/contracts';
import type { ReceivedRequest } from './received-request';
import { isHeaderText } from './request-checks';

/** A request's meter event; values that failed their own check are left out. */
export function meterEventOf(request: ReceivedRequest, routingInstance: string): MeterEvent {
  const { route, officer, purpose } = request;
  return MeterEvent.fromPartial({
    // A request without a usable id is still metered, under an id routing makes for it.
    requestId: request.requestId || `routing-${nuid.next()}`,
    consumer: route?.consumer ?? '',
    provider: route?.provider ?? '',
    service: route?.service ?? '',
    version: request.version,
    officer: isHeaderText(officer) ? officer : '',
    purpose: isHeaderText(purpose) ? purpose : '',
    receivedAtMs: request.receivedAt,
    requestBytes: request.data.length,
    routingInstance,
    traceId: request.span.spanContext().traceId,
  });
}
