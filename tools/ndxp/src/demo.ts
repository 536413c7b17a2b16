// `ndxp demo`: the whole mesh as separate processes on a local nats-server, demo traffic from a
// dozen LGSPs with a progress line, then the usage summary from the metering service. The broker
// runs with authorization: each LGSP connects with its own credentials, the usage query as ops.
import { LedgerStatsRequest, LedgerStatsResponse } from '@ndxp/contracts';
import { startMesh } from '@ndxp/testing';
import * as br from '@ndxp/simulator-business-registration';
import * as budget from '@ndxp/simulator-budget-units';
import * as civil from '@ndxp/simulator-civil-status';
import { parse } from './args';
import { wholeNumber } from './inputs';
import { ask } from './queries';
import { runGatewayWalkthrough } from './gateway-walkthrough';
import { runHttpWalkthrough } from './http-walkthrough';
import { makeDemoIdentities } from './demo-identities';
import { runOrderWalkthrough, WALKTHROUGH_CONSUMER } from './order-walkthrough';
import { sendDemoTraffic } from './traffic';
import { fetchUsage, formatUsage } from './usage';

export const DEMO_HELP = `Usage: ndxp demo [--requests N] [--concurrency C] [--exit] [--data-dir DIR]

Starts a local nats-server (or uses $NATS_URL) and every service as its own process (registry,
metering, routing, the gRPC gateway, and a simulator and an adapter for each of the four national
systems: business registration, civil status, budget-unit codes, Vietnam Post), sends N requests
(default 2000) from six provinces, six ministries and one LGSP without a grant, prints the usage
the metering service counted, follows a Vietnam Post order through its events, and makes one call through the
gRPC gateway with a registry-issued token and one over HTTP/JSON with an OAuth2 token (both
metered); it prints the gateway's addresses and the oversight dashboard's URL.
The mesh then keeps running until Ctrl-C (or stops at once with --exit).
The broker refuses anonymous connections: every service and LGSP has its own credentials, written
to <data dir>/creds. Service logs go to <data dir>/<service>.log.`;

const err = (s: string): void => {
  process.stderr.write(s);
};

/** Runs the demo; returns the exit status. */
export async function runDemo(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    requests: { type: 'string' },
    concurrency: { type: 'string' },
    exit: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${DEMO_HELP}\n`);
    return 0;
  }
  const total = values.requests === undefined ? 2000 : wholeNumber('--requests', values.requests, 0);
  const concurrency = values.concurrency === undefined ? 32 : wholeNumber('--concurrency', values.concurrency, 1, 1024);
  err('Starting the mesh:\n');
  const mesh = await startMesh({
    // Vietnam Post's simulated orders move a state every 500 ms, so the demo shows a delivery.
    env: { SIM_STEP_MS: '500', VNPOST_POLL_MS: '200' },
    logToFiles: true,
    gateway: true,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    onReady: (name, detail) => err(`  ✓ ${name.padEnd(12)} ${detail}\n`),
  });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    err('\nStopping every service (drain, then exit)...\n');
    await mesh.stop();
    err('Stopped.\n');
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));
  try {
    err(`Data and logs: ${mesh.dataDir}\n\nSending ${total} requests, ${concurrency} at a time:\n`);
    const data = {
      taxCodes: br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE }).sampleTaxCodes(500),
      personalIds: civil.createDataset({ seed: civil.DEFAULT_SEED, size: civil.DEFAULT_SIZE }).samplePersonalIds(500),
      budgetCodes: budget.createDataset({ seed: budget.DEFAULT_SEED, size: budget.DEFAULT_SIZE }).sampleCodes(500),
    };
    const result = await sendDemoTraffic({
      connection: (consumer) => mesh.clientOptions(consumer),
      total,
      concurrency,
      data,
      providers: new Set(['BO-BKHDT-DKDN', 'BO-BTP-HOTICH', 'BO-BTC-MSNS', 'DN-VNPOST-BCCI']),
      onProgress: (done, all, byCode) => {
        const codes = [...byCode.entries()].map(([c, n]) => `${c} ${n}`).join(', ');
        err(
          `${process.stderr.isTTY ? '\r\x1b[2K' : ''}  ${done}/${all} (${Math.round((100 * done) / all)}%)  ${codes}${process.stderr.isTTY ? '' : '\n'}`,
        );
      },
    });
    err(`\n  done in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round((result.sent * 1000) / result.elapsedMs)} requests/s)\n\n`);

    const nc = await mesh.connect({ kind: 'ops' });
    try {
      const until = Date.now() + 15_000;
      let stats = await ask(nc, 'metering', 'LedgerStats', LedgerStatsRequest, {}, LedgerStatsResponse);
      while (stats.entries < result.sent && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        stats = await ask(nc, 'metering', 'LedgerStats', LedgerStatsRequest, {}, LedgerStatsResponse);
      }
      const byConsumer = await fetchUsage(nc, { groupBy: ['consumer', 'outcome'] });
      const byCode = await fetchUsage(nc, { groupBy: ['provider', 'service', 'code'] });
      process.stdout.write(
        `Usage counted by the metering service (ledger entries: ${stats.entries}, duplicates ignored: ${stats.duplicatesIgnored}):\n\n`,
      );
      process.stdout.write(
        `${formatUsage(byConsumer, ['consumer', 'outcome'])}\n\n${formatUsage(byCode, ['provider', 'service', 'code'])}\n`,
      );
      if (stats.entries !== result.sent)
        process.stdout.write(`\nWARNING: ${result.sent} requests sent but ${stats.entries} in the ledger\n`);
    } finally {
      await nc.close();
    }
    err('\nVietnam Post: a dossier result delivery, followed through its events:\n');
    await runOrderWalkthrough(await mesh.clientOptions(WALKTHROUGH_CONSUMER), err);
    const httpBase = `http://127.0.0.1:${mesh.gatewayHttpPort}`;
    err(`\nLGSPs not on NATS: the gateway serves gRPC on 127.0.0.1:${mesh.gatewayGrpcPort} and HTTP/JSON on ${httpBase}\n`);
    const ops = await mesh.connect({ kind: 'ops' });
    try {
      err('A registry token and one call through the gRPC gateway:\n');
      await runGatewayWalkthrough(ops, mesh.gatewayGrpcPort, 'TINH-79-LGSP', data.taxCodes[1]!, err);
      err('An OAuth2 client, a token from /token and one HTTP/JSON call, as a WSO2-style LGSP makes it:\n');
      await runHttpWalkthrough(ops, httpBase, 'TINH-48-LGSP', data.taxCodes[2] ?? data.taxCodes[0]!, err);
    } finally {
      await ops.close();
    }
    err('\nThe control plane: an ops and an oversight identity, each with an access token from the registry:\n');
    const identities = await makeDemoIdentities(mesh, `http://127.0.0.1:${mesh.meteringHttpPort}`, err);
    err(
      `\nOversight dashboard: http://127.0.0.1:${mesh.meteringHttpPort}/ — sign in with the token in ${identities.oversight}\n` +
        `  reports: curl -H "authorization: Bearer $(cat ${identities.oversight})" 'http://127.0.0.1:${mesh.meteringHttpPort}/api/report?group=month'\n` +
        `  registry admin (gRPC 127.0.0.1:${mesh.registryGrpcPort}): metadata "authorization: Bearer $(cat ${identities.ops})"\n`,
    );
    if (values.exit) {
      await stop();
      return 0;
    }
    const hanoi = await mesh.clientOptions('TINH-01-LGSP');
    const tlsHint = mesh.tlsCaFile ? `NATS_TLS_CA=${mesh.tlsCaFile} ` : '';
    const credsHint = hanoi.credsFile ? ` --creds ${hanoi.credsFile}` : '';
    err(
      `\nThe mesh keeps running: NATS at ${mesh.nats.url} (authorization on: each LGSP has its own creds file in ${mesh.dataDir}/creds). Try:\n  ${tlsHint}NATS_URL=${mesh.nats.url} node tools/ndxp/dist/main.js call${credsHint} --as TINH-01-LGSP GetEnterprise '{"taxCode":"${data.taxCodes[0]}"}'\n  or over HTTP/JSON: an OAuth2 client (ndxp credentials issue <LGSP> --kind oauth), then curl -u <client_id>:<client_secret> -d grant_type=client_credentials ${httpBase}/token\nCtrl-C stops everything.\n`,
    );
    await new Promise<never>(() => undefined);
    return 0;
  } catch (e) {
    await stop();
    throw e;
  }
}
