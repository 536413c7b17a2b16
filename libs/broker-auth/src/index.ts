// Identity enforced by the broker (design section 3): trust chain, permissions, credentials, revocation.
export { createTrust, keyPair, loadTrust, saveTrust, trustPublicKeys, type Trust } from './trust';
export {
  ACCOUNT_NAME,
  accountJwt,
  credsPublicKey,
  credsText,
  issueCreds,
  operatorJwt,
  systemAccountJwt,
  systemUserCreds,
  userJwt,
} from './jwts';
export { inboxPrefixFor, lgspEventsDurable, OPS_SEED_BATCHES, permissionsFor, roleName, type Role } from './permissions';
export { pushAccountJwt, serverAuthConfig } from './server-config';
export { ensureLgspEventsConsumer } from './lgsp-events-consumer';
export { DOCUMENTED_ROLES, permissionsTable } from './permissions-table';
