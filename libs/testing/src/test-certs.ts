// Certificates made at test time with the openssl binary: a throwaway CA, a server certificate for
// 127.0.0.1 and localhost, and (when asked) a client certificate, all valid for two days.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of a test certificate set (PEM). */
export interface TestCerts {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  /** A certificate the CA signed for client authentication. */
  clientCertFile: string;
  clientKeyFile: string;
}

const OPENSSL = process.env['OPENSSL_BIN'] ?? '/usr/bin/openssl';

function openssl(args: string[], cwd: string): void {
  execFileSync(OPENSSL, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A P-256 key and a certificate signed by the CA in `dir`, with the given extensions. */
function issue(dir: string, name: string, subject: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}-key.pem`], dir);
  openssl(['req', '-new', '-key', `${name}-key.pem`, '-subj', subject, '-out', `${name}.csr`], dir);
  openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2'].concat([
      '-out',
      `${name}.pem`,
      '-extfile',
      `${name}.ext`,
    ]),
    dir,
  );
}

/** Makes a CA, a server certificate (127.0.0.1, localhost) and a client certificate in `dir`. */
export function makeTestCerts(dir: string): TestCerts {
  if (!existsSync(OPENSSL)) {
    throw new Error(`${OPENSSL} not found: TLS tests make their certificates with openssl (apt-get install openssl)`);
  }
  mkdirSync(dir, { recursive: true });
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca-key.pem'], dir);
  openssl(['req', '-new', '-x509', '-key', 'ca-key.pem', '-subj', '/CN=ndxp-test-ca', '-days', '2', '-out', 'ca.pem'], dir);
  issue(dir, 'server', '/CN=localhost', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue(dir, 'client', '/CN=ndxp-test-client', 'extendedKeyUsage=clientAuth\n');
  return {
    caFile: join(dir, 'ca.pem'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server-key.pem'),
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client-key.pem'),
  };
}

/** One certificate of a test PKI: the CN, and whether a foreign CA (`other-ca`) signed it instead of `ca`. */
export interface PkiLeaf {
  cn: string;
  /** A server certificate (127.0.0.1 and localhost, serverAuth) rather than a client one (clientAuth). */
  server?: boolean;
  /** Signed by `other-ca`, a CA nobody trusts: a forgery. */
  foreign?: boolean;
}

/**
 * A CA (`ca.pem`, `ca.key`), a foreign CA (`other-ca.*`) and one certificate per leaf in `dir`, as
 * `<name>.pem` and `<name>.key` (P-256, valid for two days).
 */
export function makeTestPki(dir: string, leaves: Record<string, PkiLeaf>): void {
  mkdirSync(dir, { recursive: true });
  const key = (name: string): void =>
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', `${name}.key`], dir);
  for (const ca of ['ca', 'other-ca']) {
    key(ca);
    openssl(['req', '-x509', '-new', '-key', `${ca}.key`, '-out', `${ca}.pem`, '-days', '2', '-subj', `/CN=${ca}`], dir);
  }
  for (const [name, leaf] of Object.entries(leaves)) {
    const signer = leaf.foreign ? 'other-ca' : 'ca';
    key(name);
    openssl(['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${leaf.cn}`], dir);
    writeFileSync(
      join(dir, `${name}.ext`),
      leaf.server ? 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' : 'extendedKeyUsage=clientAuth\n',
    );
    const sign = ['x509', '-req', '-in', `${name}.csr`, '-CA', `${signer}.pem`, '-CAkey', `${signer}.key`, '-CAcreateserial'];
    openssl([...sign, '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`], dir);
  }
}
