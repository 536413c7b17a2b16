import { Metadata } from '@grpc/grpc-js';
import { MeshError, RegistryChange, RegistrySnapshot } from '@ndxp/contracts';
import type { PeerCertificate } from 'node:tls';
import { authenticate } from './authenticate';
import { tokenSha256 } from './credential-book';
import { RegistryCopy } from './registry-copy';

function registry(): RegistryCopy {
  const copy = new RegistryCopy();
  copy.load(
    RegistrySnapshot.fromPartial({
      revision: 7,
      subsystems: [{ token: 'TINH-01-LGSP' }, { token: 'BO-BTP-LGSP' }],
      credentials: [{ consumer: 'TINH-01-LGSP', kind: 'token', keyId: 'k1', tokenSha256: tokenSha256('tok-1') }],
    }),
  );
  return copy;
}

const bearer = (value: string): Metadata => {
  const md = new Metadata();
  md.set('authorization', value);
  return md;
};
const cert = (cn: string): { sslPeerCertificate: PeerCertificate } => ({
  sslPeerCertificate: { subject: { CN: cn } } as unknown as PeerCertificate,
});

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (err) {
    if (err instanceof MeshError) return err.code;
    throw err;
  }
};

describe('authenticate', () => {
  it('takes the consumer from a verified client certificate whose CN is a registered subsystem', () => {
    expect(authenticate(cert('BO-BTP-LGSP'), new Metadata(), registry(), 0)).toEqual({ consumer: 'BO-BTP-LGSP', method: 'certificate' });
  });

  it('refuses a verified certificate whose CN is not a registered subsystem, even with a valid token', () => {
    expect(codeOf(() => authenticate(cert('TINH-99-LGSP'), bearer('Bearer tok-1'), registry(), 0))).toBe('client.unauthenticated');
  });

  it('takes the consumer from a valid bearer token', () => {
    expect(authenticate({}, bearer('Bearer tok-1'), registry(), 0)).toEqual({ consumer: 'TINH-01-LGSP', method: 'token' });
    expect(authenticate({}, bearer('bearer  tok-1'), registry(), 0).consumer).toBe('TINH-01-LGSP');
  });

  it('refuses no credential, a wrong token and a malformed authorization value with client.unauthenticated', () => {
    expect(codeOf(() => authenticate({}, new Metadata(), registry(), 0))).toBe('client.unauthenticated');
    expect(codeOf(() => authenticate({}, bearer('Bearer tok-2'), registry(), 0))).toBe('client.unauthenticated');
    expect(codeOf(() => authenticate({}, bearer('tok-1'), registry(), 0))).toBe('client.unauthenticated');
    expect(codeOf(() => authenticate({}, bearer('Basic dG9rLTE='), registry(), 0))).toBe('client.unauthenticated');
  });

  it('refuses a token revoked by a change event', () => {
    const copy = registry();
    const revoked = RegistryChange.fromPartial({
      revision: 8,
      change: { $case: 'credentialRevoked', value: { consumer: 'TINH-01-LGSP', kind: 'token', keyId: 'k1', revokedAtMs: 5 } },
    });
    expect(copy.apply(revoked)).toBe(true);
    expect(codeOf(() => authenticate({}, bearer('Bearer tok-1'), copy, 10))).toBe('client.unauthenticated');
  });

  it('accepts a token issued by a change event and reports a revision gap', () => {
    const copy = registry();
    const issued = (revision: number): RegistryChange =>
      RegistryChange.fromPartial({
        revision,
        change: {
          $case: 'credentialIssued',
          value: { consumer: 'BO-BTP-LGSP', kind: 'token', keyId: 'k2', tokenSha256: tokenSha256('tok-2') },
        },
      });
    expect(copy.apply(issued(10))).toBe(false);
    expect(codeOf(() => authenticate({}, bearer('Bearer tok-2'), copy, 0))).toBe('client.unauthenticated');
    expect(copy.apply(issued(8))).toBe(true);
    expect(authenticate({}, bearer('Bearer tok-2'), copy, 0).consumer).toBe('BO-BTP-LGSP');
  });
});
