// A stand-in for routing on NATS, for tests of the gateway: it records every request the gateway
// publishes on ndxp.req.>, refuses the consumers a test names with the error it gives, and answers
// everyone else's GetEnterprise with the tax code echoed back, as an adapter behind routing would.
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import { headers } from '@nats-io/nats-core';
import { Enterprise, GetEnterpriseRequest, Header, STATUS_OK, subjects, type MeshError } from '@ndxp/contracts';

/** The name the stand-in gives every enterprise it answers. */
export const STAND_IN_ENTERPRISE_NAME = 'CÔNG TY THỬ';
/** The charter capital of every enterprise it answers, in VND. */
export const STAND_IN_CHARTER_CAPITAL_VND = 5e9;

/** A running stand-in routing. */
export interface StandInRouting {
  readonly subscription: Subscription;
  /** Every request received, oldest first; a test may empty it (`seen.length = 0`). */
  readonly seen: Msg[];
}

/** Serves ndxp.req.> on nc; `refusals` maps a consumer to the error its requests get. */
export function serveStandInRouting(nc: NatsConnection, refusals: Record<string, MeshError> = {}): StandInRouting {
  const seen: Msg[] = [];
  const subscription = nc.subscribe(subjects.requestAll, {
    callback: (_e, msg) => {
      seen.push(msg);
      const h = headers();
      const refusal = refusals[msg.subject.split('.')[2] ?? ''];
      if (refusal) {
        refusal.writeHeaders(h);
        msg.respond(new Uint8Array(0), { headers: h });
        return;
      }
      h.set(Header.Status, STATUS_OK);
      h.set(Header.Receipt, 'r'.repeat(64));
      const { taxCode } = GetEnterpriseRequest.decode(msg.data);
      const answer = Enterprise.fromPartial({ taxCode, nameVi: STAND_IN_ENTERPRISE_NAME, charterCapitalVnd: STAND_IN_CHARTER_CAPITAL_VND });
      msg.respond(Enterprise.encode(answer).finish(), { headers: h });
    },
  });
  return { subscription, seen };
}
