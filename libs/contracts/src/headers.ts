// NATS header names of the request/response envelope (see proto ndxp.common.v1 RequestHeader).

export const Header = {
  RequestId: 'Ndxp-Request-Id',
  Version: 'Ndxp-Version',
  Officer: 'Ndxp-Officer',
  Purpose: 'Ndxp-Purpose',
  /**
   * Time budget: milliseconds left when the message was sent (as gRPC's grpc-timeout). Each hop
   * turns it into a deadline on its own clock, so skewed clocks between hosts do no harm.
   */
  Timeout: 'Ndxp-Timeout',
  /**
   * Absolute deadline, ms since the Unix epoch, on the sender's clock: a hint for peers that do not
   * read Ndxp-Timeout; ignored wherever Ndxp-Timeout is present.
   */
  Deadline: 'Ndxp-Deadline',
  /** Set by routing when it forwards: the consumer the request came from. */
  Consumer: 'Ndxp-Consumer',
  /** Answer status: "ok" or a stable error code. */
  Status: 'Ndxp-Status',
  ErrorMessage: 'Ndxp-Error-Message',
  ErrorField: 'Ndxp-Error-Field',
  /** On a client.rate_limited answer: milliseconds until a retry can be admitted (RetryInfo, Retry-After). */
  RetryAfter: 'Ndxp-Retry-After-Ms',
  /** The NATS micro convention's error headers, set beside Ndxp-Status on every error answer: the message... */
  ServiceError: 'Nats-Service-Error',
  /** ...and a numeric code, the HTTP status of the error table (ERROR_TABLE[code].http). */
  ServiceErrorCode: 'Nats-Service-Error-Code',
  /** Hex SHA-256 of the request payload. */
  Receipt: 'Ndxp-Receipt',
  /** Set by an adapter on its answer: the instance that served it (metered, issue 6). */
  Instance: 'Ndxp-Instance',
  TraceParent: 'traceparent',
  TraceState: 'tracestate',
} as const;

/** Status value of a successful answer. */
export const STATUS_OK = 'ok';
/** Version assumed when a request names none. */
export const DEFAULT_VERSION = 'v1';
