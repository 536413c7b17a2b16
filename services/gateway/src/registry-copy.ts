// The gateway's in-memory copy of what it needs from the registry (known subsystems, bearer-token
// credentials). The revision bookkeeping and the sync over NATS are @ndxp/runtime's, as routing's are;
// a revocation event applies as soon as it arrives.
import type { RegistryChange, RegistrySnapshot } from '@ndxp/contracts';
import { RegistryReplica } from '@ndxp/runtime';
import { CredentialBook } from './credential-book';

/** Subsystems and token credentials at one registry revision. */
export class RegistryCopy extends RegistryReplica {
  readonly credentials = new CredentialBook();
  private subsystems = new Set<string>();

  /** True when `token` is a registered subsystem (the CN of a client certificate must be one). */
  hasSubsystem(token: string): boolean {
    return this.subsystems.has(token);
  }

  override describe(): Record<string, unknown> {
    return { ...super.describe(), tokens: this.credentials.size };
  }

  protected override replaceWith(snapshot: RegistrySnapshot): void {
    this.subsystems = new Set(snapshot.subsystems.map((s) => s.token));
    this.credentials.load(snapshot.credentials);
  }

  protected override follow(c: RegistryChange['change']): void {
    switch (c?.$case) {
      case 'subsystemRegistered':
        this.subsystems.add(c.value.token);
        break;
      case 'credentialIssued':
        this.credentials.issued(c.value);
        break;
      case 'credentialRevoked':
        this.credentials.revoked(c.value);
        break;
      default:
        break;
    }
  }
}
