// The span attributes the mesh sets, named once: routing, the gateway, the adapter SDK and the LGSP
// client all write the same keys, so a trace query for one works across every hop.

export const SpanAttribute = {
  /** The call's outcome: "ok" or a stable error code (the same value as the Ndxp-Status header). */
  Code: 'ndxp.code',
  RequestId: 'ndxp.request_id',
  /** The consumer subsystem a request came from (set once it is known to be that consumer). */
  Consumer: 'ndxp.consumer',
  /** The provider subsystem and the national service a request is for. */
  Provider: 'ndxp.provider',
  Service: 'ndxp.service',
  /** How long a message waited unread because the process did not run (frozen, or its loop blocked). */
  StalledMs: 'ndxp.stalled_ms',
  /** How routing answered a request id it had seen: from the replay cache, or as still in flight. */
  Replay: 'ndxp.replay',
  /** OpenTelemetry's name for the class of a failure: set to the error code when the span is an error. */
  ErrorType: 'error.type',
  /** OpenTelemetry's RPC method name (the gateway's gRPC path). */
  RpcMethod: 'rpc.method',
  /** OpenTelemetry's messaging destination (the NATS subject routing took the request from). */
  MessagingDestination: 'messaging.destination',
} as const;
