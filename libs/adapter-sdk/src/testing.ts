// Test helpers for adapter packages: ask a service over NATS as routing would, and start adapters
// one at a time on their own connections with everything cleaned up in reverse order.
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Header, subjects, type NationalService } from '@ndxp/contracts';
import { createLogger, type Env, type Logger } from '@ndxp/runtime';
import type { AdapterDefinition, SettingsTable } from './adapter-definition';
import { startAdapter, type StartedAdapter } from './start-adapter';

/** An adapter's answer as routing reads it: the status header, the error's field and message, the decoded body. */
export interface AdapterAnswer<Res> {
  status: string | undefined;
  field: string | undefined;
  message: string | undefined;
  body: Res | undefined;
}

/** A NATS server a test started: where it listens and how to stop it. */
export interface TestServer {
  url: string;
  stop(): Promise<unknown>;
}

let asked = 0;

/** Sends one request to the service's subject with the mesh's headers and reads the answer. */
export async function askAdapter<Req, Res>(
  nc: NatsConnection,
  service: NationalService<Req, Res>,
  request: Req,
  options: { consumer?: string; deadlineMs?: number } = {},
): Promise<AdapterAnswer<Res>> {
  const deadlineMs = options.deadlineMs ?? 5000;
  const h = headers();
  h.set(Header.RequestId, `t-${++asked}-${Date.now()}`);
  h.set(Header.Consumer, options.consumer ?? 'TINH-01-LGSP');
  h.set(Header.Deadline, String(Date.now() + deadlineMs));
  const msg = await nc.request(subjects.service(service.provider, service.service), service.request.encode(request).finish(), {
    headers: h,
    timeout: deadlineMs + 1000,
  });
  const status = msg.headers?.get(Header.Status);
  return {
    status,
    field: msg.headers?.get(Header.ErrorField) || undefined,
    message: msg.headers?.get(Header.ErrorMessage) || undefined,
    body: status === 'ok' ? service.response.decode(msg.data) : undefined,
  };
}

/**
 * Starts adapters (and stand-ins of their national systems) against one nats-server for a test file,
 * with a client connection to ask them: open() in beforeAll, upstream() and start() per case, close() in afterAll.
 */
export class AdapterHarness {
  private readonly cleanups: Array<() => Promise<unknown>> = [];

  private constructor(
    private readonly server: TestServer,
    /** The test's own connection, to ask the adapters (askAdapter). */
    readonly client: NatsConnection,
    private readonly logger: Logger,
  ) {}

  /** Starts the server (e.g. @ndxp/testing's startNatsServer) and connects the test's client to it. */
  static async open(
    startServer: () => Promise<TestServer>,
    logger: Logger = createLogger({ service: 'adapter-test', level: 'silent' }),
  ): Promise<AdapterHarness> {
    const server = await startServer();
    return new AdapterHarness(server, await connect({ servers: server.url }), logger);
  }

  /** Runs `cleanup` at the next reset(), after everything deferred later. */
  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  /** Stops everything started or deferred since the last reset, newest first. */
  async reset(): Promise<void> {
    while (this.cleanups.length) await this.cleanups.pop()!();
  }

  /** Resets, then starts a stand-in of the national system (a simulator), closed again at once when `down`. */
  async upstream<U extends { close(): Promise<unknown> }>(start: () => Promise<U>, down = false): Promise<U> {
    await this.reset();
    const upstream = await start();
    this.defer(() => upstream.close().catch(() => undefined));
    if (down) await upstream.close();
    return upstream;
  }

  /** Starts the adapter on a connection of its own with settings read from env (no ops server unless OPS_ADDR is given). */
  async start<S extends SettingsTable>(definition: AdapterDefinition<S>, env: Env = {}): Promise<StartedAdapter<S>> {
    const nc = await connect({ servers: this.server.url });
    this.defer(() => nc.close());
    const ops = env['OPS_ADDR'] ? {} : { OPS_ADDR: 'off' };
    const adapter = await startAdapter(definition, { nc, logger: this.logger, env: { ...ops, ...env } });
    this.defer(() => adapter.stop());
    return adapter;
  }

  /**
   * One case's national system and adapter: resets, starts the stand-in (closed at once when `down`),
   * then the adapter with <PREFIX>_UPSTREAM_URL pointing at it and `env` besides.
   */
  async startOver<S extends SettingsTable, U extends { url: string; close(): Promise<unknown> }>(
    definition: AdapterDefinition<S>,
    startUpstream: () => Promise<U>,
    options: { down?: boolean | undefined; env?: Env } = {},
  ): Promise<{ upstream: U; adapter: StartedAdapter<S> }> {
    const upstream = await this.upstream(startUpstream, options.down);
    const adapter = await this.start(definition, { [`${definition.envPrefix}_UPSTREAM_URL`]: upstream.url, ...options.env });
    return { upstream, adapter };
  }

  /** Stops everything, closes the client, stops the server. */
  async close(): Promise<void> {
    await this.reset();
    await this.client.close();
    await this.server.stop();
  }
}
