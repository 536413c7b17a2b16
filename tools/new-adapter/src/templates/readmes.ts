// Templates of the READMEs of the generated simulator and adapter.
import { formatSettingsMarkdown, type AdapterDefinition } from '@ndxp/adapter-sdk';
import type { Names } from '../names';

/** The scaffolded adapter's definition as far as its settings table goes (src/adapter.ts declares the same). */
function scaffoldSettings(n: Names): AdapterDefinition {
  return {
    name: n.adapterName,
    provider: n.provider,
    version: '0.1.0',
    envPrefix: n.envPrefix,
    upstream: { name: n.title, defaultUrl: `http://127.0.0.1:${n.defaultPort}` },
    services: () => [],
  };
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
same records. Ids are 9 digits and a Luhn check digit (\`src/record-id.ts\`).

## Environment

| variable | default | meaning |
|---|---|---|
| \`SIM_HOST\` | \`127.0.0.1\` | listen address |
| \`SIM_PORT\` | \`0\` | port; 0 picks a free one |
| \`SIM_SEED\` | \`ndxp-2021\` | data seed |
| \`SIM_SIZE\` | \`20000\` | number of records |
| \`SIM_LATENCY_MS\` | \`0\` | latency added to each answer |
| \`SIM_ERROR_RATE\` | \`0\` | fraction 0..1 of requests answered 503 |
| \`LOG_LEVEL\` | \`info\` | pino level |

## Run

\`\`\`sh
npx tsc -b services/simulators/${n.name}
SIM_PORT=${n.defaultPort} node services/simulators/${n.name}/dist/main.js
# logs {"msg":"ready","port":${n.defaultPort},"url":"http://127.0.0.1:${n.defaultPort}",...}
\`\`\`

In-process: \`startSimulator({ dataset: createDataset({ seed, size }) })\`.

## Tests

\`npx jest services/simulators/${n.name}\` — ids, dataset determinism, config, and the HTTP API.
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
NATS service \`${n.adapterName}\` (\`$SRV.PING/INFO/STATS\`), probes on \`OPS_ADDR\` (\`/metrics\`, \`/healthz\`,
\`/readyz\`). Request \`${n.request} { id }\`, answer \`${n.record}\` (proto \`${n.protoPackage}\`).

1. The id is validated (\`src/record-id.ts\`): 10 ASCII digits, the last a Luhn check digit;
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

The settings table of the adapter (\`--help\` prints the same rows, \`src/adapter.test.ts\` pins this
copy); the SDK reads it once at start, and a bad value exits 2 with \`configuration error [<code>]\`.

${formatSettingsMarkdown(scaffoldSettings(n))}

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
