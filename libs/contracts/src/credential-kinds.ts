// The kinds of credential the registry issues to an LGSP subsystem, one list for the registry, the
// gateway and metering's reports.

/**
 * `nats`: a NATS user (nkey + JWT); `token`: a bearer token for the gRPC gateway; `oauth`: an OAuth2
 * client (client id and secret) of the HTTP/JSON edge, which trades them for short-lived access tokens.
 */
export const CREDENTIAL_KINDS = ['nats', 'token', 'oauth'] as const;

/** One of CREDENTIAL_KINDS. */
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
