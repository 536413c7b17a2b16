// The failures a person at the command line causes and fixes: a stable code each, its exit status,
// and a one-line message that names the flag or environment variable that fixes it.

/**
 * Exit status of each CLI failure code: 2 when found before anything is sent, 3 when the broker
 * refused, 4 when no broker answers (a server error, as a server.* code is: worth a retry).
 */
export const CLI_CODES = {
  /** Unknown command or option, a missing argument, a malformed value (bad JSON, number, choice). */
  'cli.usage': 2,
  /** A date flag (--from, --to, --date) that is not a calendar day YYYY-MM-DD, or --from after --to. */
  'cli.invalid_date': 2,
  /** --creds or NATS_CREDS names a file that does not exist or cannot be read. */
  'cli.credentials_file_missing': 2,
  /** --creds or NATS_CREDS names a file that is not a NATS .creds file. */
  'cli.credentials_invalid': 2,
  /** NATS_TLS_CA, NATS_TLS_CERT or NATS_TLS_KEY names a file that cannot be read, or only one of CERT and KEY is set. */
  'cli.tls_settings': 2,
  /** No broker answers at --nats / NATS_URL (refused, unknown host, timed out). */
  'cli.nats_unreachable': 4,
  /** The broker refuses anonymous connections and neither --creds nor NATS_CREDS is given. */
  'cli.credentials_missing': 3,
  /** The broker refused the credentials (revoked, expired, of another trust chain). */
  'cli.credentials_refused': 3,
  /** An LGSP's credentials used with --as another LGSP: the broker refuses that LGSP's subjects. */
  'cli.credentials_other_lgsp': 3,
  /** Credentials of a role without the command's permissions (e.g. an LGSP's for an ops command). */
  'cli.credentials_wrong_role': 3,
} as const;

/** A stable code of a CLI failure. */
export type CliCode = keyof typeof CLI_CODES;

/** A failure the person running ndxp caused: printed as one line `<code>: <message>`, exit CLI_CODES[code]. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly code: CliCode;

  constructor(code: CliCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The process exit status of this failure. */
  get exitStatus(): number {
    return CLI_CODES[this.code];
  }
}
