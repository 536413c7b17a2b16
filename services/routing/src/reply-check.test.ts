// Routing answers only on the inbox of the consumer its subject names (or a trusted gateway inbox):
// a request carrying someone else's reply subject is not answered, so it cannot be metered to them.
import { loadConfig } from './config';
import type { Msg } from '@nats-io/nats-core';
import pino from 'pino';
import { replyAllowed, replyGate } from './reply-check';

const strict = loadConfig({});
const lax = loadConfig({ ROUTING_STRICT_REPLY: 'false' });

test('strict by default: the consumer own inbox and the gateway inbox are answered', () => {
  expect(strict.strictReply).toBe(true);
  expect(replyAllowed('_INBOX.TINH-01-LGSP.abc.1', 'TINH-01-LGSP', strict)).toBe(true);
  expect(replyAllowed('_INBOX.gateway.xyz', 'TINH-01-LGSP', strict)).toBe(true);
});

test('strict: another consumer inbox, a default inbox or a prefix look-alike is refused', () => {
  expect(replyAllowed('_INBOX.TINH-79-LGSP.abc', 'TINH-01-LGSP', strict)).toBe(false);
  expect(replyAllowed('_INBOX.abcdef', 'TINH-01-LGSP', strict)).toBe(false);
  expect(replyAllowed('_INBOX.TINH-01-LGSPX.abc', 'TINH-01-LGSP', strict)).toBe(false);
  expect(replyAllowed('_INBOX.gatewayX.abc', 'TINH-01-LGSP', strict)).toBe(false);
});

test('never answered, strict or not: JetStream deliveries and non-inbox subjects', () => {
  for (const config of [strict, lax]) {
    expect(replyAllowed('$JS.ACK.NDXP_EVENTS.lgsp-TINH-01-LGSP-orders.1.2.3.4.5', 'TINH-79-LGSP', config)).toBe(false);
    expect(replyAllowed('ndxp.req.TINH-79-LGSP.BO-BKHDT-DKDN.GetEnterprise', 'TINH-79-LGSP', config)).toBe(false);
    expect(replyAllowed('ndxp.svc.BO-BKHDT-DKDN.GetEnterprise', undefined, config)).toBe(false);
  }
  expect(replyAllowed('_INBOX.abcdef', 'TINH-01-LGSP', lax)).toBe(true);
});

test('trusted prefixes are configurable and always end at a token boundary', () => {
  const c = loadConfig({ ROUTING_TRUSTED_REPLY_PREFIXES: '_INBOX.gw-a, _INBOX.gw-b.' });
  expect(c.trustedReplyPrefixes).toEqual(['_INBOX.gw-a.', '_INBOX.gw-b.']);
  expect(replyAllowed('_INBOX.gw-a.1', 'TINH-01-LGSP', c)).toBe(true);
  expect(replyAllowed('_INBOX.gateway.1', 'TINH-01-LGSP', c)).toBe(false);
});

test('the gate drops a request without a reply subject or with a foreign one, counting the foreign ones and logging them once a second', () => {
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const stats = { foreignReply: 0 };
  const gate = replyGate(strict, logger, stats);
  const route = { consumer: 'TINH-01-LGSP', provider: 'BO-BKHDT-DKDN', service: 'GetEnterprise' };
  const msg = (reply: string | undefined) => ({ subject: 'ndxp.req.TINH-01-LGSP.BO-BKHDT-DKDN.GetEnterprise', reply }) as unknown as Msg;
  expect(gate(msg('_INBOX.TINH-01-LGSP.abc'), route, 5_000)).toBe(true);
  expect(gate(msg(undefined), route, 5_000)).toBe(false);
  expect(gate(msg('_INBOX.TINH-79-LGSP.abc'), route, 5_000)).toBe(false);
  expect(gate(msg('_INBOX.TINH-79-LGSP.abc'), route, 5_500)).toBe(false);
  expect(gate(msg('_INBOX.TINH-79-LGSP.abc'), route, 6_001)).toBe(false);
  expect(stats.foreignReply).toBe(3);
  expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
    'request without a reply subject dropped',
    'request with a foreign reply subject dropped',
    'request with a foreign reply subject dropped',
  ]);
});
