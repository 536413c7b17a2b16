// Templates of the READMEs of the generated simulator and adapter.
import type { Names } from '../names';

/**
 * The adapter's settings table as @ndxp/adapter-sdk's formatSettingsMarkdown renders it. Written out
 * here because the generator runs before anything is built; plan.test.ts and
 * test/workspace/adapter-readmes.test.ts pin it to the SDK's.
 */
function settingsTable(n: Names): string {
  const p = n.envPrefix;
  return `| variable | default | meaning |
|---|---|---|
| \`${n.upstreamUrlEnv}\` | \`http://127.0.0.1:${n.defaultPort}\` | base URL of the national system |
| \`${p}_UPSTREAM_TIMEOUT_MS\` | \`30000\` | cap of one upstream attempt under a longer budget (an attempt may otherwise use all the time the request has left) |
| \`${p}_UPSTREAM_RETRIES\` | \`2\` | extra attempts of an idempotent call after a 5xx, unreachable system or attempt timeout, never past the deadline |
| \`${p}_BREAKER_FAILURES\` | \`5\` | consecutive upstream failures that open the circuit |
| \`${p}_BREAKER_RESET_MS\` | \`5000\` | how long the open circuit answers server.upstream_failure at once before one trial call |
| \`${p}_DEFAULT_TIMEOUT_MS\` | \`10000\` | deadline of a request that carries none |
| \`OPS_ADDR\` | \`127.0.0.1:0\` | host:port of the ops server (/healthz, /readyz and /metrics); port 0 takes a free one, logged as opsPort; off disables it |
| \`NATS_URL\` | \`nats://127.0.0.1:4222\` | comma-separated NATS servers |
| \`NATS_USER\` | unset | NATS user (with NATS_PASSWORD) |
| \`NATS_PASSWORD\` | unset | NATS password |
| \`NATS_CREDS\` | unset | NATS credentials file |
| \`NATS_TLS_CA\` | unset | CA file the NATS connection trusts |
| \`NATS_TLS_CERT\` | unset | client certificate of the NATS connection (with NATS_TLS_KEY) |
| \`NATS_TLS_KEY\` | unset | key of the client certificate |
| \`NATS_INBOX_PREFIX\` | unset | reply inbox prefix (the broker allows each role only its own) |
| \`NATS_STREAM_REPLICAS\` | \`1\` | replicas of a JetStream stream the adapter creates |
| \`LOG_LEVEL\` | \`info\` | pino level: fatal, error, warn, info, debug, trace or silent |
| \`NDXP_INSTANCE_ID\` | \`${n.adapterName}-<pid>\` | instance name in logs, metrics and Ndxp-Instance |
| \`OTEL_SDK_DISABLED\` | \`false\` | true: no OpenTelemetry SDK; spans are no-ops and no trace context is propagated |
| \`OTEL_TRACES_EXPORTER\` | unset | otlp, console, zipkin or none (comma-separated); unset: otlp when an OTLP endpoint is set, else spans are not exported |
| \`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT\` | unset | full URL of the OTLP traces endpoint, e.g. http://otel-collector:4318/v1/traces |
| \`OTEL_EXPORTER_OTLP_ENDPOINT\` | unset | OTLP base URL, with /v1/traces appended for traces |
| \`OTEL_EXPORTER_OTLP_PROTOCOL\` | \`http/protobuf\` | http/protobuf, http/json or grpc (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL for traces alone) |
| \`OTEL_TRACES_SAMPLER\` | \`parentbased_always_on\` | sampler, e.g. parentbased_traceidratio |
| \`OTEL_TRACES_SAMPLER_ARG\` | unset | the sampler's argument, e.g. 0.1 |
| \`OTEL_SERVICE_NAME\` | \`${n.adapterName}\` | service.name of the spans |
| \`OTEL_RESOURCE_ATTRIBUTES\` | unset | key=value,... on every span's resource |
| \`OTEL_*\` | unset | OpenTelemetry's other variables (OTLP headers, timeout, compression; batch span processor; propagators; OTEL_LOG_LEVEL), as in @ndxp/runtime's README |`;
}

/** README.md of the simulator. */
export function simReadme(n: Names): string {
  return `# ${n.simulatorPackage}

A stand-in for the REST/JSON API of ${n.title} (provider \`${n.provider}\`), for demos and tests.
Scaffolded by \`pnpm new-adapter\`: make its answers look like the real system's once you know them.

## What it serves

| request | answer |
|---|---|
| \`GET ${n.apiPath}/{id}\` | 200 the record (\`maSo\`, \`ten\`, \`trangThai\`, \`ngayCapNhat\` dd/mm/yyyy, \`tinhThanhPho\`); 404 unknown id; 400 malformed id (not 10 digits) |
| \`GET /healthz\` | 200 \`{ trangThai: "ok", soBanGhi }\` |

The data is generated from \`SIM_SEED\` (mulberry32 PRNG): the same seed and size always give the
same records. Ids are 9 digits and a Luhn check digit: \`${n.camel}IdOf\` and \`isValid${n.pascal}Id\` of
\`@ndxp/contracts\` (\`libs/contracts/src/national/${n.name}/record-id.ts\`), the rule the adapter checks too.

## Environment

| variable | default | meaning |
|---|---|---|
| \`SIM_HOST\` | \`127.0.0.1\` | listen address |
| \`SIM_PORT\` | \`0\` | port; 0 picks a free one |
| \`SIM_SEED\` | \`ndxp-2021\` | data seed |
| \`SIM_SIZE\` | \`20000\` | number of records, 1..5000000 |
| \`SIM_LATENCY_MS\` | \`0\` | latency added to each answer |
| \`SIM_ERROR_RATE\` | \`0\` | fraction 0..1 of requests answered 503 \`{maLoi:"HE_THONG_BAN"}\` |
| \`LOG_LEVEL\` | \`info\` | pino level |

\`src/main.ts\` is one \`runSimulator\` call (\`@ndxp/simulator-kit\`): \`--help\`, these settings, the logger, the
\`ready\` line and shutdown on SIGTERM/SIGINT.

## Run

\`\`\`sh
npx tsc -b services/simulators/${n.name}
SIM_PORT=${n.defaultPort} node services/simulators/${n.name}/dist/main.js
# logs {"msg":"ready","port":${n.defaultPort},"url":"http://127.0.0.1:${n.defaultPort}",...}
\`\`\`

In-process: \`startSimulator({ dataset: createDataset({ seed, size }) })\`.

## Tests

\`npx jest services/simulators/${n.name}\` — dataset determinism and the HTTP API (the id rule is tested in
\`libs/contracts/src/national/${n.name}\`).
`;
}

/** README.md of the adapter. */
export function adapterReadme(n: Names): string {
  return `# ${n.adapterPackage}

The mesh's adapter of ${n.title} (provider \`${n.provider}\`). Built on \`@ndxp/adapter-sdk\`:
\`src/adapter.ts\` declares it, \`src/main.ts\` is \`runAdapter(${n.camel}Adapter)\`; scaffolded by
\`pnpm new-adapter\` — see docs/adding-an-adapter.md for what to change.

## What it serves

\`${n.service}\` v1 on \`ndxp.svc.${n.provider}.${n.service}\`, queue group \`ndxp-adapter-${n.provider}\`,
NATS service \`${n.adapterName}\` (\`$SRV.PING/INFO/STATS\`), its ops server on \`OPS_ADDR\` (\`/metrics\`, \`/healthz\`,
\`/readyz\`). Request \`${n.request} { id }\`, answer \`${n.record}\` (proto \`${n.protoPackage}\`).

1. The id is validated (\`validate${n.pascal}Id\` of \`@ndxp/contracts\`, in
   \`libs/contracts/src/national/${n.name}/record-id.ts\`): 10 ASCII digits, the last a Luhn check digit;
   whitespace is reported, not trimmed. A bad id is answered \`client.invalid_argument\` with
   \`Ndxp-Error-Field: id\` before any upstream call.
2. The record is fetched: \`GET {${n.upstreamUrlEnv}}${n.apiPath}/{id}\` through the SDK's
   \`createUpstream\` (deadline-bounded attempts, retries, circuit breaker, request id and trace upstream).
3. \`src/mapper.ts\` (pure) maps the national JSON (\`maSo\`, \`ten\`, \`trangThai\`, \`ngayCapNhat\`
   dd/mm/yyyy, \`tinhThanhPho\`) to \`${n.record}\`; unknown status texts map to UNSPECIFIED.

| situation | answer |
|---|---|
| found | \`ok\` + ${n.record} |
| malformed id | \`client.invalid_argument\` (field \`id\`) |
| unknown id (HTTP 404) | \`client.not_found\` |
| national system down, 5xx, bad JSON, breaker open | \`server.upstream_failure\` |
| no answer before the deadline | \`server.timeout\` |

## Environment

The settings table of the adapter (\`--help\` prints the same rows, test/workspace/adapter-readmes.test.ts
pins this copy); the SDK reads it once at start, and a bad value exits 2 with \`configuration error [<code>]\`.

${settingsTable(n)}

## Run

\`\`\`sh
npx tsc -b services/adapters/${n.name} services/simulators/${n.name}
SIM_PORT=${n.defaultPort} node services/simulators/${n.name}/dist/main.js &
NATS_URL=nats://127.0.0.1:4222 node services/adapters/${n.name}/dist/main.js
# logs {"msg":"ready", ...} once it serves; SIGTERM drains and exits 0
\`\`\`

In the demo mesh it runs with no code change: \`deploy/national-systems.json\` lists it, and
\`startMesh({ systems: ['${n.name}'] })\` starts the simulator and this adapter.

## Tests

\`npx jest services/adapters/${n.name}\` — unit tests of the id validator, the mapper and this README's
settings table; an
integration test with a real nats-server and the simulator in-process (found, unknown, malformed id
with no upstream call, simulator down, simulator slower than the deadline).
`;
}
