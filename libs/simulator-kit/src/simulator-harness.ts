// Test harness of a simulator: started before a test file's cases on a free port, closed after them
// (also when an assert failed), with fetch helpers on its base URL.
import type { SimulatorServerOptions } from './http-server';

/** What a started simulator must offer the harness. */
export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

/** An HTTP answer with its JSON body. */
export interface JsonAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A started simulator and requests to it by path (e.g. `/healthz`). */
export interface SimulatorClient<S extends RunningSimulator> {
  /** The simulator itself (its `lookups`, its order book, ...). */
  readonly server: S;
  /** Its base URL, http://127.0.0.1:<port>. */
  readonly url: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  getJson<T = unknown>(path: string): Promise<JsonAnswer<T>>;
  postJson<T = unknown>(path: string, body: unknown): Promise<JsonAnswer<T>>;
}

/** The simulator a test file shares, and more of them with other options for single cases. */
export interface SimulatorHarness<S extends RunningSimulator, O> extends SimulatorClient<S> {
  /** Starts one more simulator with these options (e.g. `{ errorRate: 1 }`), closed after the file's cases. */
  start(options?: O): Promise<SimulatorClient<S>>;
}

/** The test runner's hooks the harness registers on (jest's globals by default). */
export interface TestHooks {
  beforeAll(fn: () => Promise<void>): void;
  afterAll(fn: () => Promise<void>): void;
}

function clientOf<S extends RunningSimulator>(server: () => S): SimulatorClient<S> {
  const send = (path: string, init?: RequestInit): Promise<Response> => fetch(`${server().url}${path}`, init);
  const json = async <T>(res: Promise<Response>): Promise<JsonAnswer<T>> => {
    const answer = await res;
    return { status: answer.status, body: (await answer.json()) as T };
  };
  return {
    get server() {
      return server();
    },
    get url() {
      return server().url;
    },
    fetch: send,
    getJson: (path) => json(send(path)),
    postJson: (path, body) =>
      json(send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })),
  };
}

function runnerHooks(): TestHooks {
  const hooks = globalThis as unknown as Partial<TestHooks>;
  if (!hooks.beforeAll || !hooks.afterAll) throw new TypeError('withSimulator is called in a test file: it needs beforeAll and afterAll');
  return { beforeAll: hooks.beforeAll, afterAll: hooks.afterAll };
}

/**
 * Starts `start()` in beforeAll (simulators listen on a free port by default) and closes it, with every
 * simulator `harness.start(options)` started, in afterAll. Call it in a describe block.
 */
export function withSimulator<S extends RunningSimulator, O = SimulatorServerOptions>(
  start: (options?: O) => Promise<S>,
  hooks: TestHooks = runnerHooks(),
): SimulatorHarness<S, O> {
  const started: S[] = [];
  let shared: S | undefined;
  const launch = async (options?: O): Promise<S> => {
    const server = await start(options);
    started.push(server);
    return server;
  };
  hooks.beforeAll(async () => {
    shared = await launch();
  });
  hooks.afterAll(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  const client = clientOf(() => {
    if (!shared) throw new TypeError('the simulator starts in beforeAll: use the harness inside a test');
    return shared;
  });
  const another = async (options?: O): Promise<SimulatorClient<S>> => {
    const server = await launch(options);
    return clientOf(() => server);
  };
  // Object.assign keeps the client's getters: the shared simulator is read when a case runs.
  return Object.assign(client, { start: another });
}
