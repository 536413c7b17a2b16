// The one classification of failures: nats.js errors by class (anywhere in the cause chain), Node's
// socket errors by code, each to a stable code, one line naming the fix, and an exit status.
import { AuthorizationError, ConnectionError, PermissionViolationError, UserAuthenticationExpiredError } from '@nats-io/nats-core';
import { MeshError } from '@ndxp/contracts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globalFlags, natsSettings, UsageError } from './args';
import { CLI_CODES, CliError } from './cli-error';
import { connectionContext, type ConnectionContext } from './connection-context';
import { credsOwner } from './creds-file';
import { classifyFailure, debugStack } from './failure';

const viaEnv: ConnectionContext = { servers: 'nats://127.0.0.1:4222', serversFrom: 'NATS_URL' };
const withCreds: ConnectionContext = { ...viaEnv, credsFile: '/etc/ndxp/tinh-01.creds', credsFrom: '--creds', credsOwner: 'TINH-01-LGSP' };
const denied = (subject: string) =>
  new PermissionViolationError(`Permissions Violation for Subscription to "${subject}"`, 'subscription', subject);

describe('classifyFailure', () => {
  it('names the URL, where it came from, and --nats / NATS_URL when no broker answers', () => {
    const f = classifyFailure(new ConnectionError('connection refused', { cause: { code: 'ECONNREFUSED' } }), viaEnv);
    expect(f).toEqual({
      code: 'cli.nats_unreachable',
      exitStatus: 4,
      message: expect.stringContaining('nats://127.0.0.1:4222 (NATS_URL): connection refused'),
    });
    expect(f.message).toMatch(/--nats <url> or set NATS_URL/);
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nats.example'), { code: 'ENOTFOUND' });
    expect(classifyFailure(dns, { servers: 'nats://nats.example', serversFrom: '--nats' })).toMatchObject({
      code: 'cli.nats_unreachable',
      message: expect.stringContaining('nats://nats.example (--nats): unknown host'),
    });
  });

  it('tells an anonymous connection to give --creds or NATS_CREDS', () => {
    expect(classifyFailure(new AuthorizationError('Authorization Violation'), viaEnv)).toMatchObject({
      code: 'cli.credentials_missing',
      exitStatus: 3,
      message: expect.stringMatching(/refuses anonymous connections: give --creds <file> or set NATS_CREDS/),
    });
  });

  it('names the refused credentials file and says when they expired', () => {
    expect(classifyFailure(new AuthorizationError('Authorization Violation'), withCreds)).toMatchObject({
      code: 'cli.credentials_refused',
      message: expect.stringContaining('/etc/ndxp/tinh-01.creds (--creds) (revoked, expired, or of another trust chain)'),
    });
    expect(classifyFailure(new UserAuthenticationExpiredError('User Authentication Expired'), withCreds).message).toContain(
      'they have expired',
    );
  });

  it('maps a permission violation under --as another LGSP to cli.credentials_other_lgsp, naming both --as and --creds', () => {
    const err = new MeshError('server.internal', 'Permissions Violation', { cause: denied('_INBOX.TINH-02-LGSP.x.*') });
    const f = classifyFailure(err, { ...withCreds, consumer: 'TINH-02-LGSP' });
    expect(f.code).toBe('cli.credentials_other_lgsp');
    expect(f.exitStatus).toBe(3);
    expect(f.message).toContain("are TINH-01-LGSP's, not TINH-02-LGSP's");
    expect(f.message).toContain("give --as TINH-01-LGSP, or --creds with TINH-02-LGSP's .creds file");
  });

  it('maps a permission violation of an ops command to cli.credentials_wrong_role, asking for ops credentials', () => {
    const err = new MeshError('server.unavailable', 'the metering service did not answer', { cause: denied('_INBOX.ops.x.*') });
    expect(classifyFailure(err, withCreds)).toMatchObject({
      code: 'cli.credentials_wrong_role',
      message: expect.stringMatching(/issued to TINH-01-LGSP.*NATS_CREDS to an ops \.creds file/),
    });
  });

  it('keeps a service timeout a server error (exit 4) and a client.* refusal exit 3', () => {
    const timeout = new MeshError('server.unavailable', 'the metering service did not answer GetUsage within 5000 ms', {
      cause: new Error('TIMEOUT'),
    });
    expect(classifyFailure(timeout, withCreds)).toMatchObject({ code: 'server.unavailable', exitStatus: 4 });
    expect(classifyFailure(new MeshError('client.invalid_argument', 'bad'), withCreds)).toMatchObject({ exitStatus: 3 });
  });

  it('passes a usage error through with exit status 2 and calls anything else unexpected (1), pointing at --debug', () => {
    expect(classifyFailure(new UsageError('--as <consumer> is required'), undefined)).toEqual({
      code: 'cli.usage',
      message: '--as <consumer> is required',
      exitStatus: 2,
    });
    expect(classifyFailure(new TypeError('x is undefined'), undefined)).toEqual({
      code: 'unexpected',
      exitStatus: 1,
      message: 'TypeError: x is undefined (--debug or NDXP_DEBUG=1 prints the stack)',
    });
  });

  it('gives every CLI code an exit status of 2 (before connecting), 3 (refused by the broker) or 4 (no broker answers)', () => {
    for (const [code, status] of Object.entries(CLI_CODES)) expect([code, [2, 3, 4].includes(status)]).toEqual([code, true]);
    expect(Object.entries(CLI_CODES).filter(([, status]) => status === 4)).toEqual([['cli.nats_unreachable', 4]]);
    expect(new CliError('cli.nats_unreachable', 'x').exitStatus).toBe(4);
  });
});

describe('debugStack', () => {
  it('prints the stack of the error and of its cause', () => {
    const text = debugStack(new ConnectionError('connection refused', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }));
    expect(text).toMatch(/^ConnectionError: connection refused\n\s+at /);
    expect(text).toMatch(/caused by: Error: connect ECONNREFUSED 127\.0\.0\.1:1\n\s+at /);
  });
});

describe('globalFlags', () => {
  it('takes --debug from anywhere before -- and from NDXP_DEBUG=1', () => {
    expect(globalFlags(['usage', '--debug', '--json'], {})).toEqual({ debug: true, rest: ['usage', '--json'] });
    expect(globalFlags(['--debug', 'usage'], {})).toEqual({ debug: true, rest: ['usage'] });
    expect(globalFlags(['call', '--', '--debug'], {})).toEqual({ debug: false, rest: ['call', '--', '--debug'] });
    expect(globalFlags(['usage'], { NDXP_DEBUG: '1' }).debug).toBe(true);
  });
});

describe('natsSettings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-settings-'));

  it('refuses a missing or malformed credentials file before connecting, naming --creds or NATS_CREDS', () => {
    expect(() => natsSettings({ creds: join(dir, 'none.creds') }, {})).toThrow(
      expect.objectContaining({
        code: 'cli.credentials_file_missing',
        message: expect.stringContaining('none.creds (--creds): no such file'),
      }),
    );
    const bad = join(dir, 'bad.creds');
    writeFileSync(bad, 'not a creds file\n');
    expect(() => natsSettings({}, { NATS_CREDS: bad })).toThrow(
      expect.objectContaining({ code: 'cli.credentials_invalid', message: expect.stringContaining('(NATS_CREDS)') }),
    );
  });

  it('refuses an unreadable TLS file, naming its variable', () => {
    expect(() => natsSettings({}, { NATS_TLS_CA: join(dir, 'ca.pem') })).toThrow(
      expect.objectContaining({ code: 'cli.tls_settings', message: expect.stringContaining('NATS_TLS_CA') }),
    );
  });

  it('remembers the URL, the credentials file and their owner for the failure messages', () => {
    const claims = Buffer.from(JSON.stringify({ name: 'TINH-01-LGSP' })).toString('base64url');
    const creds = `-----BEGIN NATS USER JWT-----\neyJ0eXAiOiJKV1QifQ.${claims}.sig\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\nSUAEXAMPLE\n------END USER NKEY SEED------\n`;
    const file = join(dir, 'tinh-01.creds');
    writeFileSync(file, creds);
    expect(credsOwner(creds)).toBe('TINH-01-LGSP');
    natsSettings({ creds: file }, { NATS_URL: 'nats://10.0.0.1:4222' });
    expect(connectionContext()).toEqual({
      servers: 'nats://10.0.0.1:4222',
      serversFrom: 'NATS_URL',
      credsFile: file,
      credsFrom: '--creds',
      credsOwner: 'TINH-01-LGSP',
    });
  });
});
