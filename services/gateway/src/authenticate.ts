// Who is calling: the CN of a verified client certificate, else the owner of a bearer token.
import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { MeshError } from '@ndxp/contracts';
import type { RegistryCopy } from './registry-copy';

/** How a caller proved its identity. */
export type AuthMethod = 'certificate' | 'token' | 'oauth';

/** An authenticated caller. */
export interface Caller {
  consumer: string;
  method: AuthMethod;
}

/** What grpc-js reports of a call's transport (its verified peer certificate, if any). */
/** What grpc-js tells of a call's transport (TLS peer certificate); grpc-js does not name the type. */
export type AuthContext = ReturnType<ServerUnaryCall<unknown, unknown>['getAuthContext']>;

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/**
 * Authenticates a call. A client certificate counts only when TLS verified it against the CA
 * (grpc-js reports no peer certificate otherwise), and its CN must be a registered subsystem.
 * Otherwise metadata `authorization: Bearer <token>` must hold a valid token credential.
 * Throws MeshError client.unauthenticated.
 */
export function authenticate(auth: AuthContext, metadata: Metadata, registry: RegistryCopy, nowMs: number): Caller {
  const cert = auth.sslPeerCertificate;
  if (cert) {
    const cn = commonName(cert.subject?.CN);
    if (cn && registry.hasSubsystem(cn)) return { consumer: cn, method: 'certificate' };
    throw new MeshError('client.unauthenticated', 'the client certificate does not name a registered subsystem');
  }
  const values = metadata.get('authorization');
  if (values.length === 0) throw new MeshError('client.unauthenticated', 'no client certificate and no authorization metadata');
  const m = values.length === 1 ? BEARER.exec(String(values[0])) : null;
  if (!m) throw new MeshError('client.unauthenticated', 'authorization metadata must be one "Bearer <token>"');
  const consumer = registry.credentials.consumerOf(m[1]!, nowMs);
  if (!consumer) throw new MeshError('client.unauthenticated', 'the token is unknown, revoked or expired');
  return { consumer, method: 'token' };
}

function commonName(cn: string | string[] | undefined): string | undefined {
  if (Array.isArray(cn)) return cn.length === 1 ? cn[0] : undefined;
  return cn;
}
