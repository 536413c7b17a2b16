// The demo's gRPC step: an LGSP that is not on NATS gets a bearer token from the registry and calls
// the Business Registration service through the gateway; the call takes routing's path (grants,
// metering) like any NATS request, and the ledger shows it under the token's owner.
import { credentials, Metadata } from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  BusinessRegistrationClient,
  GetTransactionRequest,
  GetTransactionResponse,
  RegistryDefinition,
  type Enterprise,
} from '@ndxp/contracts';
import { ask } from './queries';

const M = RegistryDefinition.methods;

/** Issues a token for `consumer`, makes one GetEnterprise call over gRPC, and shows its ledger entry. */
export async function runGatewayWalkthrough(
  nc: NatsConnection,
  gatewayPort: number,
  consumer: string,
  taxCode: string,
  say: (line: string) => void,
): Promise<void> {
  const issued = await issueDemoCredential(nc, consumer, 'token');
  say(`  registry issued a bearer token to ${consumer} (key ${issued.credential?.keyId ?? '?'}, valid 1 h; only its SHA-256 is stored)\n`);
  const client = new BusinessRegistrationClient(`127.0.0.1:${gatewayPort}`, credentials.createInsecure());
  try {
    const requestId = `demo-grpc-${Date.now()}`;
    const md = new Metadata();
    md.set('authorization', `Bearer ${issued.secret}`);
    md.set('ndxp-request-id', requestId);
    md.set('ndxp-officer', 'can-bo-grpc');
    md.set('ndxp-purpose', 'HS-DEMO-GRPC');
    const enterprise = await new Promise<Enterprise>((resolve, reject) =>
      client.getEnterprise({ taxCode }, md, { deadline: Date.now() + 10_000 }, (e, r) => (e ? reject(e) : resolve(r))),
    );
    say(`  gRPC GetEnterprise(${taxCode}) through the gateway → ${enterprise.nameVi}\n`);
    say(await meteredLine(nc, requestId, 'the gRPC call'));
  } finally {
    client.close();
  }
}

/** Waits (up to 10 s) for the ledger entry of `requestId` and describes it in one line. */
export async function meteredLine(nc: NatsConnection, requestId: string, what: string): Promise<string> {
  const until = Date.now() + 10_000;
  let t = await ask(nc, 'metering', 'GetTransaction', GetTransactionRequest, { requestId }, GetTransactionResponse);
  while (!t.found && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    t = await ask(nc, 'metering', 'GetTransaction', GetTransactionRequest, { requestId }, GetTransactionResponse);
  }
  return t.found
    ? `  metered once, like a NATS request: ${t.event?.consumer} → ${t.event?.provider}.${t.event?.service}, ${t.event?.code}\n`
    : `  WARNING: ${what} is not in the ledger\n`;
}

/** Asks the registry (as ops, over NATS) for a one-hour credential of `kind` for `consumer`. */
export function issueDemoCredential(nc: NatsConnection, consumer: string, kind: 'token' | 'oauth') {
  return ask(
    nc,
    'registry',
    M.issueCredential.name,
    M.issueCredential.requestType,
    { consumer, kind, publicKey: '', expiresInS: 3600 },
    M.issueCredential.responseType,
  );
}
