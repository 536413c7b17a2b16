// runAdapter as a process (the built dist, as an adapter's main.ts runs it): --help, and a bad setting.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PACKAGE = join(__dirname, '..');
const MAIN = `
const { bindService, defineAdapter, intSetting, runAdapter } = require('./dist');
const { getEnterpriseService } = require('@ndxp/contracts');
runAdapter(defineAdapter({
  name: 'adapter-toy', provider: 'BO-BKHDT-DKDN', version: '1.2.3', description: 'a toy', envPrefix: 'TOY',
  upstream: { name: 'toy system', defaultUrl: 'http://127.0.0.1:9' },
  settings: { copies: intSetting('TOY_COPIES', { fallback: 1, min: 1, max: 9, meaning: 'copies of the name' }) },
  services: () => [bindService(getEnterpriseService, async () => ({}))],
}));`;

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['-e', MAIN, '--', ...args], { cwd: PACKAGE, encoding: 'utf8', env: { PATH: process.env['PATH'], ...env } });

describe('runAdapter as a process', () => {
  it('prints --help from the settings table, the adapter’s own settings included, and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^adapter-toy 1\.2\.3: a toy/);
    expect(r.stdout).toMatch(/TOY_UPSTREAM_URL +base URL of the national system \(default http:\/\/127\.0\.0\.1:9\)/);
    expect(r.stdout).toMatch(/TOY_COPIES +copies of the name \(default 1\)/);
    expect(r.stdout).toMatch(/OPS_ADDR .*\(default 127\.0\.0\.1:0\)/);
  });

  it('refuses a bad setting with one coded line and exit status 2, before connecting anything', () => {
    const bad = run([], { TOY_COPIES: '10' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('adapter-toy: configuration error [config.out_of_range]: TOY_COPIES must be between 1 and 9, got 10\n');
    const url = run([], { TOY_UPSTREAM_URL: 'ftp://x' });
    expect([url.status, url.stderr]).toEqual([
      2,
      'adapter-toy: configuration error [config.not_a_url]: TOY_UPSTREAM_URL must be an http(s) URL, got "ftp://x"\n',
    ]);
  });
});
