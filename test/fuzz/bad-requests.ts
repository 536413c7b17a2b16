// A seeded generator of bad requests for the mesh: every kind of bad subject, header and payload,
// aimed at routing (ndxp.req.*) or straight at an adapter (ndxp.svc.*, as a misbehaving peer would),
// each with the codes it may be answered with.
import { BUSINESS_REGISTRATION_PROVIDER, GetEnterpriseRequest, Header, subjects } from '@ndxp/contracts';
import type { Rng } from '@ndxp/simulator-kit';

/** One request to send and what it may be answered with. */
export interface FuzzCase {
  kind: string;
  subject: string;
  /** Header values; undefined sends no headers at all. */
  headers: Record<string, string> | undefined;
  data: Uint8Array;
  /** Status codes an answer may carry; the first is the usual one. */
  expect: readonly string[];
}

/** What the generator needs to make requests that are bad in exactly one way. */
export interface FuzzContext {
  consumer: string;
  taxCodes: readonly string[];
  /** Bytes of a request that routing refuses as too large. */
  tooLargeBytes: number;
}

const SERVICE = 'GetEnterprise';
const PROVIDER = BUSINESS_REGISTRATION_PROVIDER;
const PAYLOAD_CODES = ['client.malformed', 'client.invalid_argument'] as const;
const MALFORMED = ['client.malformed'] as const;

let seq = 0;
const nextId = (prefix: string): string => `${prefix}-${++seq}`;

/** A good request through routing: answered ok (sometimes with unknown fields, ignored per proto3). */
export function goodCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const taxCode = rng.pick(ctx.taxCodes);
  let data: Uint8Array = GetEnterpriseRequest.encode({ taxCode }).finish();
  const withUnknown = rng.chance(0.3);
  if (withUnknown) data = concat(data, unknownFields(rng));
  return {
    kind: withUnknown ? 'good.unknown_fields' : 'good',
    subject: subjects.request(ctx.consumer, PROVIDER, SERVICE),
    headers: envelope(),
    data,
    expect: ['ok'],
  };
}

/** A good request sent straight to the adapter with the headers routing would add. */
export function goodAdapterCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  return {
    kind: 'good.adapter',
    subject: subjects.service(PROVIDER, SERVICE),
    headers: { ...envelope(), [Header.Consumer]: ctx.consumer },
    data: GetEnterpriseRequest.encode({ taxCode: rng.pick(ctx.taxCodes) }).finish(),
    expect: ['ok'],
  };
}

/** A bad request at routing; `rare` cases (oversized payloads) are drawn less often. */
export function badRoutingCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const subject = subjects.request(ctx.consumer, PROVIDER, SERVICE);
  const valid = GetEnterpriseRequest.encode({ taxCode: rng.pick(ctx.taxCodes) }).finish();
  const h = envelope();
  const pick = rng.int(0, 17);
  if (rng.chance(0.004))
    return { kind: 'routing.too_large', subject, headers: h, data: new Uint8Array(ctx.tooLargeBytes), expect: ['client.too_large'] };
  switch (pick) {
    case 0:
      return {
        kind: 'routing.subject.token_count',
        subject: rng.chance(0.5) ? `ndxp.req.${ctx.consumer}.${PROVIDER}` : `${subject}.extra`,
        headers: h,
        data: valid,
        expect: MALFORMED,
      };
    case 1: {
      const bad = rng.pick([
        `ndxp.req.${ctx.consumer.toLowerCase()}.${PROVIDER}.${SERVICE}`,
        `ndxp.req.TINH01.${PROVIDER}.${SERVICE}`,
        `ndxp.req.${ctx.consumer}.${PROVIDER}.Get-Enterprise`,
        `ndxp.req.${ctx.consumer}.BO_BKHDT.${SERVICE}`,
        `ndxp.req.${ctx.consumer}.${PROVIDER}.9x`,
      ]);
      return { kind: 'routing.subject.not_tokens', subject: bad, headers: h, data: valid, expect: MALFORMED };
    }
    case 2:
      return { kind: 'routing.request_id.missing', subject, headers: without(h, Header.RequestId), data: valid, expect: MALFORMED };
    case 3:
      return {
        kind: 'routing.request_id.malformed',
        subject,
        headers: { ...h, [Header.RequestId]: badRequestId(rng) },
        data: valid,
        expect: MALFORMED,
      };
    case 4:
      return { kind: 'routing.headers.none', subject, headers: undefined, data: valid, expect: MALFORMED };
    case 5:
      return {
        kind: 'routing.deadline.malformed',
        subject,
        headers: { ...h, [Header.Deadline]: badDeadline(rng) },
        data: valid,
        expect: MALFORMED,
      };
    case 6:
      return {
        kind: 'routing.deadline.expired',
        subject,
        headers: { ...h, [Header.Deadline]: String(Date.now() - rng.int(1, 60_000)) },
        data: valid,
        expect: ['client.deadline_exceeded'],
      };
    case 7:
      return {
        kind: 'routing.version.unknown',
        subject,
        headers: { ...h, [Header.Version]: rng.pick(['v2', 'v9', 'v1beta', 'V1']) },
        data: valid,
        expect: ['client.unknown_service'],
      };
    case 8:
      return {
        kind: 'routing.version.malformed',
        subject,
        headers: { ...h, [Header.Version]: rng.pick(['v 1', 'v1\u0000', 'x'.repeat(40), 'v/1']) },
        data: valid,
        expect: MALFORMED,
      };
    case 9:
      return {
        kind: 'routing.service.unknown',
        subject: rng.chance(0.5)
          ? subjects.request(ctx.consumer, PROVIDER, 'NoSuchService')
          : subjects.request(ctx.consumer, 'BO-XYZ-NONE', SERVICE),
        headers: h,
        data: valid,
        expect: ['client.unknown_service'],
      };
    case 10:
      return {
        kind: 'routing.consumer.no_grant',
        subject: subjects.request(rng.pick(['TINH-99-LGSP', 'DN-ACME-LGSP', 'BO-BTP-HOTICH']), PROVIDER, SERVICE),
        headers: h,
        data: valid,
        expect: ['client.access_denied'],
      };
    case 11:
      return {
        kind: 'routing.officer.malformed',
        subject,
        headers: { ...h, [rng.chance(0.5) ? Header.Officer : Header.Purpose]: rng.chance(0.5) ? 'a\tb' : 'o'.repeat(300) },
        data: valid,
        expect: MALFORMED,
      };
    default: {
      const p = badPayload(rng, ctx);
      return { kind: `routing.${p.kind}`, subject, headers: h, data: p.data, expect: p.expect };
    }
  }
}

/** A bad request straight at the adapter (what only a peer bypassing routing could send). */
export function badAdapterCase(rng: Rng, ctx: FuzzContext): FuzzCase {
  const subject = subjects.service(PROVIDER, SERVICE);
  const valid = GetEnterpriseRequest.encode({ taxCode: rng.pick(ctx.taxCodes) }).finish();
  const h = { ...envelope(), [Header.Consumer]: ctx.consumer };
  switch (rng.int(0, 11)) {
    case 0:
      return {
        kind: 'adapter.deadline.malformed',
        subject,
        headers: { ...h, [Header.Deadline]: badDeadline(rng) },
        data: valid,
        expect: MALFORMED,
      };
    case 1:
      return {
        kind: 'adapter.deadline.expired',
        subject,
        headers: { ...h, [Header.Deadline]: String(Date.now() - rng.int(1, 60_000)) },
        data: valid,
        expect: ['client.deadline_exceeded'],
      };
    case 2:
      return {
        kind: 'adapter.version.unknown',
        subject,
        headers: { ...h, [Header.Version]: rng.pick(['v2', 'v9', 'nope']) },
        data: valid,
        expect: ['client.unknown_service'],
      };
    case 3:
      return {
        kind: 'adapter.request_id.malformed',
        subject,
        headers: { ...h, [Header.RequestId]: unsafeRequestId(rng) },
        data: valid,
        expect: MALFORMED,
      };
    case 4:
      return {
        kind: 'adapter.consumer.malformed',
        subject,
        headers: { ...h, [Header.Consumer]: rng.pick(['tinh-01', 'TINH 01 LGSP', 'X'.repeat(200)]) },
        data: valid,
        expect: MALFORMED,
      };
    default: {
      const p = badPayload(rng, ctx);
      return { kind: `adapter.${p.kind}`, subject, headers: h, data: p.data, expect: p.expect };
    }
  }
}

/** A payload that is bad in one way, and the codes the adapter may answer it with. */
function badPayload(rng: Rng, ctx: FuzzContext): { kind: string; data: Uint8Array; expect: readonly string[] } {
  const valid = GetEnterpriseRequest.encode({ taxCode: rng.pick(ctx.taxCodes) }).finish();
  switch (rng.int(0, 8)) {
    case 0:
      // Random bytes are usually not wire format (malformed); when they happen to be, the tax code is missing.
      return { kind: 'payload.random', data: randomBytes(rng, rng.int(1, 512)), expect: PAYLOAD_CODES };
    case 1:
      return { kind: 'payload.truncated', data: valid.subarray(0, rng.int(1, valid.length - 1)), expect: MALFORMED };
    case 2:
      // Field 1 sent as a varint or fixed32: skipped like an unknown field, so the tax code is missing.
      return {
        kind: 'payload.wrong_wire_type',
        data: rng.chance(0.5) ? Uint8Array.from([0x08, rng.int(0, 127)]) : Uint8Array.from([0x0d, 1, 2, 3, 4]),
        expect: ['client.invalid_argument'],
      };
    case 3:
      return {
        kind: 'payload.reserved_wire_type',
        data: Uint8Array.from([rng.pick([0x0b, 0x0c, 0x0e, 0x0f, 0x00]), 1, 2]),
        expect: MALFORMED,
      };
    case 4:
      return { kind: 'payload.length_overflow', data: Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x30]), expect: MALFORMED };
    case 5:
      return { kind: 'payload.unknown_fields_only', data: unknownFields(rng), expect: ['client.invalid_argument'] };
    case 6:
      return {
        kind: 'payload.bad_tax_code',
        data: GetEnterpriseRequest.encode({
          taxCode: rng.pick(['ABC', '123', '01001091060000', ' 0100109106', '0100109106-0000']),
        }).finish(),
        expect: ['client.invalid_argument'],
      };
    case 7:
      return { kind: 'payload.invalid_utf8', data: Uint8Array.from([0x0a, 0x04, 0xff, 0xfe, 0xc0, 0x80]), expect: PAYLOAD_CODES };
    default:
      return { kind: 'payload.empty', data: new Uint8Array(0), expect: ['client.invalid_argument'] };
  }
}

function envelope(): Record<string, string> {
  return { [Header.RequestId]: nextId('fuzz'), [Header.Deadline]: String(Date.now() + 30_000), [Header.Version]: 'v1' };
}

function without(h: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _dropped, ...rest } = h;
  return rest;
}

function badRequestId(rng: Rng): string {
  return rng.pick([
    () => 'r'.repeat(rng.int(129, 4_000)),
    () => `id\u0001${seq}`,
    () => `id with space ${seq}`,
    () => `réq-${seq}`,
    () => `x\u007f${seq}`,
  ])();
}

/** Request ids even the adapter refuses (it lets spaces and non-ASCII through; routing does not). */
function unsafeRequestId(rng: Rng): string {
  return rng.pick([() => 'r'.repeat(rng.int(129, 4_000)), () => `id\u0001${seq}`, () => `x\u007f${seq}`])();
}

function badDeadline(rng: Rng): string {
  return rng.pick(['soon', '-1', '-1700000000000', '1.5e12', String(Date.now() + 400 * 86_400_000), '9'.repeat(20), '0x10', '12a']);
}

function unknownFields(rng: Rng): Uint8Array {
  // Field 15 varint, field 16 length-delimited, field 17 fixed32: all unknown to GetEnterpriseRequest.
  return Uint8Array.from([0x78, rng.int(0, 127), 0x82, 0x01, 0x02, 0x61, 0x62, 0x8d, 0x01, 1, 2, 3, 4]);
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(0, 255);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
