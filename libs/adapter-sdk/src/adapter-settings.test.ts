import { getEnterpriseService } from '@ndxp/contracts';
import { ConfigError } from '@ndxp/runtime';
import { readAdapterSettings, settingRows } from './adapter-settings';
import { bindService, defineAdapter } from './define-adapter';
import { formatHelp, formatSettingsMarkdown } from './help';
import { choiceSetting, intSetting, textSetting } from './setting';

const toy = defineAdapter({
  name: 'adapter-toy',
  provider: 'BO-BKHDT-DKDN',
  version: '1.0.0',
  envPrefix: 'X',
  upstream: { name: 'toy system', defaultUrl: 'http://127.0.0.1:9/' },
  settings: {
    mode: choiceSetting('X_MODE', { fallback: 'http', values: ['http', 'memory'] as const, meaning: 'where answers come from' }),
    size: intSetting('X_SIZE', { fallback: 10, min: 1, max: 100, meaning: 'records' }),
    bucket: textSetting('X_BUCKET', { fallback: 'b_1', pattern: /^[-\w]+$/, mustBe: 'letters, digits, - or _', meaning: 'KV bucket' }),
  },
  services: () => [bindService(getEnterpriseService, () => Promise.reject(new Error('not called')))],
});

describe('readAdapterSettings', () => {
  it('has a default for every setting, the SDK defaults written once', () => {
    const s = readAdapterSettings(toy, {});
    expect(s).toMatchObject({
      opsAddr: { host: '127.0.0.1', port: 0 },
      defaultTimeoutMs: 10_000,
      upstream: {
        name: 'toy system',
        baseUrl: 'http://127.0.0.1:9',
        timeoutMs: 30_000,
        retries: 2,
        breaker: { failureThreshold: 5, resetMs: 5000 },
      },
      own: { mode: 'http', size: 10, bucket: 'b_1' },
      common: expect.objectContaining({ natsServers: ['nats://127.0.0.1:4222'], logLevel: 'info' }),
    });
  });

  it('reads every setting, in createUpstream terms', () => {
    const s = readAdapterSettings(toy, {
      X_UPSTREAM_URL: 'https://b:1/api//',
      X_UPSTREAM_TIMEOUT_MS: '500',
      X_UPSTREAM_RETRIES: '0',
      X_BREAKER_FAILURES: '3',
      X_BREAKER_RESET_MS: '100',
      X_DEFAULT_TIMEOUT_MS: '3000',
      X_MODE: 'memory',
      X_SIZE: '7',
      X_BUCKET: 'other',
      OPS_ADDR: 'off',
      LOG_LEVEL: 'debug',
    });
    expect(s).toMatchObject({
      opsAddr: undefined,
      defaultTimeoutMs: 3000,
      upstream: { baseUrl: 'https://b:1/api', timeoutMs: 500, retries: 0, breaker: { failureThreshold: 3, resetMs: 100 } },
      own: { mode: 'memory', size: 7, bucket: 'other' },
      common: expect.objectContaining({ logLevel: 'debug' }),
    });
  });

  it.each([
    [{ OPS_ADDR: '' }, { host: '127.0.0.1', port: 0 }],
    [{ OPS_ADDR: '0.0.0.0:8080' }, { host: '0.0.0.0', port: 8080 }],
    [{ OPS_ADDR: '[::1]:9' }, { host: '::1', port: 9 }],
    [{ OPS_ADDR: 'OFF' }, undefined],
  ])('reads the ops server address %j as the runtime does (%j)', (env, opsAddr) => {
    expect(readAdapterSettings(toy, env).opsAddr).toEqual(opsAddr);
  });

  it.each([
    [{ X_UPSTREAM_URL: 'ftp://a' }, 'config.not_a_url', 'X_UPSTREAM_URL must be an http(s) URL, got "ftp://a"'],
    [{ X_UPSTREAM_URL: 'not a url' }, 'config.not_a_url', /X_UPSTREAM_URL/],
    [{ X_UPSTREAM_TIMEOUT_MS: '0' }, 'config.out_of_range', 'X_UPSTREAM_TIMEOUT_MS must be between 1 and 600000, got 0'],
    [{ X_UPSTREAM_RETRIES: '11' }, 'config.out_of_range', /X_UPSTREAM_RETRIES/],
    [{ X_BREAKER_FAILURES: 'many' }, 'config.not_an_integer', 'X_BREAKER_FAILURES must be an integer, got "many"'],
    [{ X_BREAKER_RESET_MS: '600001' }, 'config.out_of_range', /X_BREAKER_RESET_MS/],
    [{ X_DEFAULT_TIMEOUT_MS: 'soon' }, 'config.not_an_integer', /X_DEFAULT_TIMEOUT_MS/],
    [{ X_MODE: 'grpc' }, 'config.not_allowed', 'X_MODE must be one of http, memory, got "grpc"'],
    [{ X_BUCKET: 'a.b' }, 'config.bad_format', 'X_BUCKET must be letters, digits, - or _, got "a.b"'],
    [{ OPS_ADDR: '8080' }, 'config.bad_address', /OPS_ADDR/],
    [{ OPS_ADDR: 'host:99999' }, 'config.bad_address', /OPS_ADDR must be host:port/],
    [{ OPS_ADDR: 'a b:1' }, 'config.bad_address', /OPS_ADDR/],
    [{ LOG_LEVEL: 'loud' }, 'config.invalid', /LOG_LEVEL/],
  ])('refuses %j with a ConfigError of code %s naming the variable', (env, code, message) => {
    let thrown: unknown;
    try {
      readAdapterSettings(toy, env);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ code });
    expect((thrown as Error).message).toMatch(message);
  });

  it('refuses an own setting that shadows one the SDK reads', () => {
    const clash = defineAdapter({
      name: 'adapter-clash',
      provider: 'BO-BKHDT-DKDN',
      version: '1.0.0',
      envPrefix: 'X',
      upstream: { name: 'toy system', defaultUrl: 'http://127.0.0.1:9' },
      settings: { url: textSetting('X_UPSTREAM_URL', { fallback: 'x', meaning: 'x' }) },
      services: () => [],
    });
    expect(() => readAdapterSettings(clash, {})).toThrow(/X_UPSTREAM_URL is one the SDK reads/);
  });
});

describe('the settings table in --help and the README', () => {
  it('lists the prefixed settings, the own ones and the common ones, each with its default', () => {
    const names = settingRows(toy).map((r) => r.env);
    expect(names.slice(0, 9)).toEqual([
      'X_UPSTREAM_URL',
      'X_UPSTREAM_TIMEOUT_MS',
      'X_UPSTREAM_RETRIES',
      'X_BREAKER_FAILURES',
      'X_BREAKER_RESET_MS',
      'X_DEFAULT_TIMEOUT_MS',
      'X_MODE',
      'X_SIZE',
      'X_BUCKET',
    ]);
    expect(names).toEqual(
      expect.arrayContaining([
        'OPS_ADDR',
        'NATS_URL',
        'LOG_LEVEL',
        'NDXP_INSTANCE_ID',
        'OTEL_TRACES_EXPORTER',
        'OTEL_EXPORTER_OTLP_ENDPOINT',
      ]),
    );
    const help = formatHelp(toy);
    expect(help).toMatch(/^adapter-toy 1\.0\.0: /);
    expect(help).toMatch(/X_UPSTREAM_TIMEOUT_MS +cap of one upstream attempt.*\(default 30000\)/);
    expect(help).toMatch(/X_MODE +http \| memory: where answers come from \(default http\)/);
    expect(help).toMatch(/NDXP_INSTANCE_ID +.*\(default adapter-toy-<pid>\)/);
    expect(help).toMatch(/OTEL_SERVICE_NAME +service\.name of the spans \(default adapter-toy\)/);
    const table = formatSettingsMarkdown(toy);
    expect(table).toContain('| `X_UPSTREAM_URL` | `http://127.0.0.1:9/` | base URL of the national system |');
    expect(table).toContain('| `X_MODE` | `http` | http \\| memory: where answers come from |');
    expect(table).toContain('| `NATS_USER` | unset |');
  });
});
