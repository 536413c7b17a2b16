import { Header } from '@ndxp/contracts';
import { atOnce, NOW, passed, receivedRequest, refusalOf, ROUTE } from './admission.fixture';
import { checkEnvelope } from './envelope-check';
import type { ReceivedRequest } from './received-request';
import { MAX_DEADLINE_AHEAD_MS } from './request-checks';

const step = checkEnvelope({ maxRequestBytes: 1_000, defaultTimeoutMs: 10_000, maxTimeoutMs: 60_000 });
const good = { [Header.RequestId]: 'req-1', [Header.Deadline]: String(NOW + 5_000), [Header.Version]: 'v1' };
const refusal = (values: Record<string, string>, overrides: Partial<ReceivedRequest> = {}) =>
  refusalOf(atOnce(step(receivedRequest(values, overrides))));
/** The deadline the step sets, for a request it passes. */
const deadlineOf = (values: Record<string, string>): number => passed(atOnce(step(receivedRequest(values)))).deadline;

describe('checkEnvelope', () => {
  it('passes a well-formed request with its route and headers', () => {
    expect(refusal(good)).toBe('passed');
    expect(refusal({ [Header.RequestId]: 'x' })).toBe('passed');
    const out = passed(atOnce(step(receivedRequest(good))));
    expect(out.route).toEqual(ROUTE);
    expect(out.headers.get(Header.RequestId)).toBe('req-1');
  });
  it('refuses a request above the size limit with client.too_large before anything else', () => {
    expect(refusal({}, { size: 1_001, route: undefined, headers: undefined })).toEqual({ code: 'client.too_large', field: 'payload' });
    expect(refusal(good, { size: 1_000 })).toBe('passed');
  });
  it('refuses a malformed subject with client.malformed naming the subject', () => {
    expect(refusal(good, { route: undefined })).toEqual({ code: 'client.malformed', field: 'subject' });
  });
  it.each([
    ['missing', ''],
    ['too long', 'a'.repeat(129)],
    ['with a space', 'req 1'],
    ['with a control character', 'req\u00011'],
    ['with a non-ASCII character', 'réq-1'],
  ])('refuses a request id %s with client.malformed on Ndxp-Request-Id', (_what, id) => {
    expect(refusal({ ...good, [Header.RequestId]: id })).toEqual({ code: 'client.malformed', field: Header.RequestId });
  });
  it('refuses a request without headers on Ndxp-Request-Id', () => {
    expect(refusal(good, { headers: undefined })).toEqual({ code: 'client.malformed', field: Header.RequestId });
  });
  it.each([
    ['not a number', 'soon'],
    ['negative', '-5'],
    ['fractional', '1700000000000.5'],
    ['absurdly far', String(NOW + MAX_DEADLINE_AHEAD_MS + 1)],
    ['too many digits', '9'.repeat(16)],
  ])('refuses a deadline %s with client.malformed on Ndxp-Deadline', (_what, d) => {
    expect(refusal({ ...good, [Header.Deadline]: d })).toEqual({ code: 'client.malformed', field: Header.Deadline });
  });
  it('lets a past deadline through (the budget step answers client.deadline_exceeded)', () => {
    expect(deadlineOf({ ...good, [Header.Deadline]: String(NOW - 1) })).toBe(NOW - 1);
  });
  it.each(['soon', '-5', '4.5', String(MAX_DEADLINE_AHEAD_MS + 1), '9'.repeat(10)])(
    'refuses the budget %j with client.malformed on Ndxp-Timeout',
    (t) => {
      expect(refusal({ ...good, [Header.Timeout]: t })).toEqual({ code: 'client.malformed', field: Header.Timeout });
    },
  );
  it('reads the budget from Ndxp-Timeout and ignores the absolute deadline of a skewed sender beside it', () => {
    expect(deadlineOf({ ...good, [Header.Timeout]: '5000', [Header.Deadline]: String(NOW + MAX_DEADLINE_AHEAD_MS * 2) })).toBe(NOW + 5_000);
    expect(deadlineOf({ [Header.Deadline]: String(NOW + 3_000) })).toBe(NOW + 3_000);
    expect(deadlineOf({})).toBe(NOW + 10_000);
    expect(deadlineOf({ [Header.Timeout]: '600000' })).toBe(NOW + 60_000);
  });
  it.each(['v 1', 'v1\u0000', 'x'.repeat(33)])('refuses the malformed version %j on Ndxp-Version', (v) => {
    expect(refusal({ ...good, [Header.Version]: v })).toEqual({ code: 'client.malformed', field: Header.Version });
  });
  it('refuses an officer or purpose with control characters or over 256 characters', () => {
    expect(refusal({ ...good, [Header.Officer]: 'a\tb' })).toEqual({ code: 'client.malformed', field: Header.Officer });
    expect(refusal({ ...good, [Header.Purpose]: 'p'.repeat(257) })).toEqual({ code: 'client.malformed', field: Header.Purpose });
    expect(refusal({ ...good, [Header.Officer]: 'Cán bộ Nguyễn', [Header.Purpose]: 'HS-2021' })).toBe('passed');
  });
  it('checks in a fixed order: the size before the subject, the request id before the budget, the budget before the version', () => {
    expect(refusal({ [Header.RequestId]: '' }, { size: 2_000, route: undefined })).toEqual({ code: 'client.too_large', field: 'payload' });
    expect(refusal({ [Header.RequestId]: '' }, { route: undefined })).toEqual({ code: 'client.malformed', field: 'subject' });
    expect(refusal({ [Header.RequestId]: '', [Header.Timeout]: 'x' })).toEqual({ code: 'client.malformed', field: Header.RequestId });
    expect(refusal({ [Header.Timeout]: 'x', [Header.Version]: 'v 1' })).toEqual({ code: 'client.malformed', field: Header.Timeout });
  });
});
