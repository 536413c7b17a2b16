// A server's TLS certificate and key, named by <PREFIX>_TLS_CERT and <PREFIX>_TLS_KEY (both or
// neither), read once at start with a one-line error naming the variable.
import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';
import { envString, type Env } from '../config';
import { ConfigError } from '../config-error';

/** Paths of a PEM certificate (chain) and its private key. */
export interface TlsFiles {
  cert: string;
  key: string;
}

/** The certificate and key themselves. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

/** Reads <prefix>_TLS_CERT and <prefix>_TLS_KEY; undefined when neither is set. */
export function tlsFilesFromEnv(env: Env, prefix: string): TlsFiles | undefined {
  const cert = envString(env, `${prefix}_TLS_CERT`, '').trim();
  const key = envString(env, `${prefix}_TLS_KEY`, '').trim();
  if (!cert && !key) return undefined;
  if (!cert || !key)
    throw new ConfigError(
      `${prefix}_TLS_CERT and ${prefix}_TLS_KEY go together: ${cert ? `${prefix}_TLS_KEY` : `${prefix}_TLS_CERT`} is not set`,
    );
  return { cert, key };
}

/** Reads the files; throws ConfigError naming the one that cannot be read. */
export function readTlsFiles(files: TlsFiles, prefix: string): TlsMaterial {
  const read = (name: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(`${prefix}_${name}=${path} cannot be read: ${(err as Error).message}`);
    }
  };
  return { cert: read('TLS_CERT', files.cert), key: read('TLS_KEY', files.key) };
}

/** gRPC server credentials: TLS (1.2 or later) with the material, plaintext without it. */
export function grpcServerCredentials(tls: TlsMaterial | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(null, [{ cert_chain: tls.cert, private_key: tls.key }], false);
}
