// Routing answers only on the inbox of the consumer its subject names (or a trusted gateway inbox):
// a request carrying someone else's reply subject is not answered, so it cannot be metered to them.
import { loadConfig } from './config';
import { replyAllowed } from './reply-check';

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
