// Which requests routing may answer at all: one with a reply subject, on the inbox of the consumer
// its subject names (or a trusted prefix). Anything else is dropped unanswered and unmetered.
import type { Msg } from '@nats-io/nats-core';
import { subjects } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import type { RoutingConfig } from './config';
import type { RequestRoute } from './request-checks';
import type { RouterStats } from './router-stats';

/** The settings the reply check reads. */
export type ReplyPolicy = Pick<RoutingConfig, 'strictReply' | 'trustedReplyPrefixes'>;

/**
 * Whether routing may answer on `reply` for `consumer`: strict, the consumer's own inbox or a trusted
 * prefix (the gateway's); otherwise any reply inbox under _INBOX.
 */
export function replyAllowed(reply: string, consumer: string | undefined, config: ReplyPolicy): boolean {
  if (!reply.startsWith('_INBOX.')) return false;
  if (!config.strictReply) return true;
  if (consumer && reply.startsWith(`${subjects.inboxPrefix(consumer)}.`)) return true;
  return config.trustedReplyPrefixes.some((p) => reply.startsWith(p));
}

/** Whether a request may be answered; a dropped one is logged (a foreign reply at most once a second) and counted. */
export function replyGate(
  config: ReplyPolicy,
  logger: Logger,
  stats: Pick<RouterStats, 'foreignReply'>,
): (msg: Msg, route: RequestRoute | undefined, now: number) => boolean {
  let lastForeignLog = 0;
  return (msg, route, now) => {
    if (!msg.reply) {
      logger.warn({ subject: msg.subject }, 'request without a reply subject dropped');
      return false;
    }
    if (replyAllowed(msg.reply, route?.consumer, config)) return true;
    // Not sent by the consumer the subject names (e.g. a JetStream delivery or a service's answer
    // aimed at a request subject): answering or metering it would act for someone else.
    stats.foreignReply++;
    if (now - lastForeignLog > 1000) {
      lastForeignLog = now;
      logger.warn(
        { subject: msg.subject, reply: msg.reply.slice(0, 200), dropped: stats.foreignReply },
        'request with a foreign reply subject dropped',
      );
    }
    return false;
  };
}
