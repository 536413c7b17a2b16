// TokenSigner: the key file is made once (mode 0600) and read back by every later start, so
// replicas given one file sign alike; its tokens verify with the public key it publishes.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, TokenVerifier } from '@ndxp/runtime';
import { TokenSigner } from './token-signer';

describe('TokenSigner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-token-key-'));

  it('makes the key file once with mode 0600, and a second open signs with the same key', async () => {
    const file = join(dir, 'sub', 'token-key.jwk');
    const first = await TokenSigner.open(file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const second = await TokenSigner.open(file);
    expect(second.created).toBe(false);
    expect(second.signer.publicKey).toEqual(first.signer.publicKey);
    expect(JSON.parse(second.signer.publicKey.publicJwk)).not.toHaveProperty('d');
    const now = Date.now();
    const token = await first.signer.sign({ identity: 'ops-1', roles: ['ops'], keyId: 'at_x', issuedAtMs: now, expiresAtMs: now + 60_000 });
    const verifier = new TokenVerifier();
    await verifier.setKeys([second.signer.publicKey]);
    await expect(verifier.verify(token)).resolves.toMatchObject({ identity: 'ops-1', roles: ['ops'], keyId: 'at_x' });
  });

  it('refuses a key file that is not a P-256 private JWK, naming the variable', async () => {
    const bad = join(dir, 'bad.jwk');
    writeFileSync(bad, '{"kty":"oct","k":"abc"}');
    await expect(TokenSigner.open(bad)).rejects.toThrow(ConfigError);
    writeFileSync(bad, 'not json');
    await expect(TokenSigner.open(bad)).rejects.toThrow(/^REGISTRY_TOKEN_KEY=/);
  });
});
