// A three-node nats-server cluster that places R3 streams. A freshly formed cluster may not place
// R3 streams for a while (longer than a service's start-up timeout on a loaded machine), and on this
// machine about one start in ten to twenty under load never did (no suitable peers for 90 s; cause
// unknown): the meter stream is made here first, as routing makes it, on a second cluster if the
// first does not place it, so the services start on a cluster that places streams.
import { credsAuthenticator } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { inboxPrefixFor } from '@ndxp/broker-auth';
import { ensureMeterStream, whilePlacing } from '@ndxp/runtime';
import { startNatsCluster, type NatsClusterHandle } from '@ndxp/testing';
import { readFileSync } from 'node:fs';

/** Makes the meter stream (R3) on `c`, as routing makes it; false if the cluster does not place it in `waitMs`. */
async function placeMeterStream(c: NatsClusterHandle, waitMs: number): Promise<boolean> {
  const placer = await connect({
    servers: c.url.split(','),
    inboxPrefix: inboxPrefixFor({ kind: 'routing' }),
    authenticator: credsAuthenticator(readFileSync(await c.credsFile({ kind: 'routing' }))),
  });
  try {
    await whilePlacing(() => ensureMeterStream(placer, { replicas: 3 }), waitMs);
    return true;
  } catch (err) {
    console.log(`the new cluster placed no R3 stream in ${waitMs} ms (${(err as Error).message}): starting another`);
    return false;
  } finally {
    await placer.close();
  }
}

/** Starts a three-node cluster whose JetStream has placed the meter stream (R3); throws if a second one does not either. */
export async function startPlacingCluster(): Promise<NatsClusterHandle> {
  const first = await startNatsCluster({ size: 3 });
  if (await placeMeterStream(first, 40_000)) return first;
  await first.stop();
  const second = await startNatsCluster({ size: 3 });
  if (await placeMeterStream(second, 60_000)) return second;
  await second.stop();
  throw new Error('two new three-node clusters placed no R3 stream');
}
