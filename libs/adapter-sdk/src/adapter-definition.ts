// The shapes of an adapter's declaration: the services it serves, the national system it calls,
// the settings it adds to the SDK's, and what the SDK hands its handlers.
import type { NatsConnection } from '@nats-io/nats-core';
import type { NationalService } from '@ndxp/contracts';
import type { CommonConfig, ListenAddress, Logger } from '@ndxp/runtime';
import type { RequestContext } from './request-context';
import type { Setting } from './setting';
import type { Upstream, UpstreamConfig } from './upstream';

/** One service of the national system and the function that answers it. */
export interface ServiceBinding<Req = unknown, Res = unknown> {
  service: NationalService<Req, Res>;
  /** Answers one decoded request; throw a MeshError for a coded failure. */
  handle(request: Req, ctx: RequestContext): Promise<Res>;
}

/** An adapter whose handlers are bound: what serveAdapter puts on NATS. */
export interface Adapter {
  /** Name used for NATS service discovery ($SRV.PING.<name>): letters, digits, - and _. */
  name: string;
  /** Provider subsystem token, e.g. BO-BKHDT-DKDN. */
  provider: string;
  /** The adapter's own semantic version, e.g. 1.0.0 (reported by $SRV.INFO). */
  version: string;
  description?: string;
  services: ServiceBinding[];
}

/** The adapter's own settings by key, e.g. { pollMs: intSetting('VNPOST_POLL_MS', ...) }. */
export type SettingsTable = Readonly<Record<string, Setting<unknown>>>;

/** The values read for a settings table. */
export type SettingValues<S extends SettingsTable> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

/** The national system the adapter calls. */
export interface UpstreamDeclaration {
  /** For logs and errors, e.g. 'hộ tịch'. */
  name: string;
  /** Default of <PREFIX>_UPSTREAM_URL, e.g. http://127.0.0.1:8082. */
  defaultUrl: string;
}

/** Everything the SDK read for one adapter process, once, at start. */
export interface AdapterSettings<O = Record<never, never>> {
  /** NATS_*, LOG_LEVEL, NDXP_INSTANCE_ID (@ndxp/runtime's loadCommonConfig; the OTEL_* variables are the OpenTelemetry SDK's). */
  common: CommonConfig;
  /** OPS_ADDR: where the ops server (/healthz, /readyz and /metrics) listens; undefined when off. */
  opsAddr: ListenAddress | undefined;
  /** <PREFIX>_DEFAULT_TIMEOUT_MS: the deadline of a request that carries none. */
  defaultTimeoutMs: number;
  /** <PREFIX>_UPSTREAM_* and <PREFIX>_BREAKER_*, in createUpstream's own terms. */
  upstream: UpstreamConfig & { retries: number; breaker: { failureThreshold: number; resetMs: number } };
  /** The adapter's own settings. */
  own: O;
}

/** What the SDK hands the adapter when it binds the handlers. */
export interface AdapterDeps<O = Record<never, never>> {
  /** The national system's client, made by the SDK from settings.upstream. */
  upstream: Upstream;
  settings: AdapterSettings<O>;
  logger: Logger;
}

/** What onStart gets: the deps and the process's NATS connection. */
export interface AdapterStartContext<O = Record<never, never>> extends AdapterDeps<O> {
  nc: NatsConnection;
}

/** Stops what onStart started; awaited after the adapter's services have drained. */
export type StopHook = () => Promise<void>;

/** An adapter as its author declares it for runAdapter / startAdapter. */
export interface AdapterDefinition<S extends SettingsTable = SettingsTable> {
  name: string;
  provider: string;
  version: string;
  description?: string;
  /** Prefix of the adapter's variables: <PREFIX>_UPSTREAM_URL, <PREFIX>_DEFAULT_TIMEOUT_MS, ... (e.g. BR). */
  envPrefix: string;
  upstream: UpstreamDeclaration;
  /** Settings of the adapter's own, read with the SDK's and listed in --help. */
  settings?: S;
  /** Binds the handlers, once, at start. */
  services(deps: AdapterDeps<SettingValues<S>>): ServiceBinding[];
  /** Starts work besides the services (e.g. an event relay) before they serve; returns how to stop it. */
  onStart?(ctx: AdapterStartContext<SettingValues<S>>): Promise<StopHook | void>;
  /** Extra fields of the `ready` log line (default: upstreamUrl). */
  readyFields?(settings: AdapterSettings<SettingValues<S>>): Record<string, unknown>;
}
