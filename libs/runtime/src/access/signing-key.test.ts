// openSigningKey: the one loader of the mesh's ES256 key files (the registry's REGISTRY_TOKEN_KEY,
// the gateway's GATEWAY_TOKEN_KEY): made once with mode 0600, read back alike, refused when wrong.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import { ConfigError } from '../config-error';
import { openSigningKey } from './signing-key';

describe('openSigningKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-signing-key-'));

  it('makes the file once (mode 0600, a P-256 private JWK) and opens the same key, kid and all, after', async () => {
    const file = join(dir, 'nested', 'key.jwk');
    const first = await openSigningKey('X_KEY', file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String) });
    const second = await openSigningKey('X_KEY', file);
    expect(second.created).toBe(false);
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk).not.toHaveProperty('d');
    const jwt = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(first.privateKey);
    await expect(jwtVerify(jwt, second.publicKey)).resolves.toBeDefined();
  });

  it('keeps a key in memory only when given no path', async () => {
    const a = await openSigningKey('X_KEY', undefined);
    const b = await openSigningKey('X_KEY', undefined);
    expect(a.created).toBe(false);
    expect(a.kid).not.toBe(b.kid);
  });

  it('refuses a file that is not JSON or not a P-256 private JWK, naming the setting', async () => {
    const bad = join(dir, 'bad.jwk');
    writeFileSync(bad, 'not json');
    await expect(openSigningKey('GATEWAY_TOKEN_KEY', bad)).rejects.toThrow(/^GATEWAY_TOKEN_KEY=.* is not a JSON Web Key/);
    writeFileSync(bad, '{"kty":"oct","k":"abc"}');
    await expect(openSigningKey('GATEWAY_TOKEN_KEY', bad)).rejects.toThrow(ConfigError);
    const { d: _d, ...publicOnly } = JSON.parse(readFileSync(join(dir, 'nested', 'key.jwk'), 'utf8')) as Record<string, string>;
    writeFileSync(bad, JSON.stringify(publicOnly));
    await expect(openSigningKey('GATEWAY_TOKEN_KEY', bad)).rejects.toThrow(/must be a P-256 \(ES256\) private JWK/);
  });
});
