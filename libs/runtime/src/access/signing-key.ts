// A service's ES256 signing key kept in a JWK file (a Kubernetes Secret in production): read it when
// the file is there, make it (mode 0600) when it is not, refuse a file that is not a P-256 private JWK.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { ConfigError } from '../config-error';

/** The algorithm of every signing key of the mesh. */
export const SIGNING_ALGORITHM = 'ES256';

/** A signing key, opened. */
export interface SigningKey {
  privateKey: KeyLike | Uint8Array;
  publicKey: KeyLike | Uint8Array;
  /** The public half as a JWK (no `d`), as the file has it. */
  publicJwk: JWK;
  /** The file's `kid`, else the RFC 7638 thumbprint of the public half. */
  kid: string;
  /** Whether this call made the key and wrote its file (never without a path). */
  created: boolean;
}

/**
 * Opens the signing key at `path`, named by the setting `setting` in errors; without a path, a new
 * key held in memory only.
 */
export async function openSigningKey(setting: string, path: string | undefined): Promise<SigningKey> {
  let jwk: JWK;
  let created = false;
  if (path && existsSync(path)) {
    try {
      jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
    } catch (err) {
      throw new ConfigError(`${setting}=${path} is not a JSON Web Key: ${(err as Error).message}`);
    }
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new ConfigError(`${setting}=${path} must be a P-256 (ES256) private JWK`);
  } else {
    jwk = await exportJWK((await generateKeyPair(SIGNING_ALGORITHM, { extractable: true })).privateKey);
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
      created = true;
    }
  }
  const { d: _d, ...publicJwk } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  return {
    privateKey: await importJWK(jwk, SIGNING_ALGORITHM),
    publicKey: await importJWK(publicJwk, SIGNING_ALGORITHM),
    publicJwk,
    kid,
    created,
  };
}
