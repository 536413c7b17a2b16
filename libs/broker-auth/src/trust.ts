// The NATS trust chain of one mesh (decentralized JWT auth, nats-server 2.10): an operator, a system
// account (for pushing account updates) and the NDXP account every service and LGSP lives in.
import { createAccount, createOperator, fromSeed, type KeyPair } from '@nats-io/nkeys';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Seeds of the trust chain. The operator identity seed is only needed to re-sign the operator JWT. */
export interface Trust {
  operatorSeed: string;
  /** Signs account JWTs (the registry holds it to publish revocations). */
  operatorSigningSeed: string;
  systemAccountSeed: string;
  accountSeed: string;
  /** Signs user JWTs (the registry holds it to issue credentials). */
  accountSigningSeed: string;
}

const TRUST_FILE = 'trust.json';

/** Makes a fresh trust chain. */
export function createTrust(): Trust {
  const seed = (kp: KeyPair): string => new TextDecoder().decode(kp.getSeed());
  return {
    operatorSeed: seed(createOperator()),
    operatorSigningSeed: seed(createOperator()),
    systemAccountSeed: seed(createAccount()),
    accountSeed: seed(createAccount()),
    accountSigningSeed: seed(createAccount()),
  };
}

/** Writes the trust chain to `<dir>/trust.json`, readable by its owner only. */
export function saveTrust(dir: string, trust: Trust): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, TRUST_FILE);
  writeFileSync(file, JSON.stringify(trust, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** Reads a trust chain written by saveTrust (a directory or the file itself). */
export function loadTrust(path: string): Trust {
  const file = path.endsWith('.json') ? path : join(path, TRUST_FILE);
  const t = JSON.parse(readFileSync(file, 'utf8')) as Partial<Trust>;
  for (const k of ['operatorSeed', 'operatorSigningSeed', 'systemAccountSeed', 'accountSeed', 'accountSigningSeed'] as const) {
    if (typeof t[k] !== 'string' || !t[k]) throw new Error(`${file}: missing ${k}`);
  }
  return t as Trust;
}

/** The key pair of a seed. */
export function keyPair(seed: string): KeyPair {
  return fromSeed(new TextEncoder().encode(seed));
}

/** Public keys of the trust chain (safe to show). */
export function trustPublicKeys(trust: Trust): { operator: string; systemAccount: string; account: string } {
  return {
    operator: keyPair(trust.operatorSeed).getPublicKey(),
    systemAccount: keyPair(trust.systemAccountSeed).getPublicKey(),
    account: keyPair(trust.accountSeed).getPublicKey(),
  };
}
