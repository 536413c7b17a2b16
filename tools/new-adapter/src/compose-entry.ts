// The scaffold's services in deploy/compose.yaml: a simulator and an adapter, inserted at the end of
// the file's top-level `services:` block (before the next top-level key), in the style of the entries there.
import type { Names } from './names';
import { UsageError } from './names';

/** compose.yaml with the simulator and adapter of `n` added as services. */
export function withComposeServices(compose: string, n: Names, path: string): string {
  if (new RegExp(`^  (sim|adapter)-${n.name}:`, 'm').test(compose)) throw new UsageError(`${path} already has services for ${n.name}`);
  const services = compose.search(/^services:/m);
  if (services < 0) throw new UsageError(`${path} has no top-level services: key to add the services to`);
  // The next top-level key (configs:, volumes:, ...) ends the services block; none: the end of the file.
  const body = compose.indexOf('\n', services) + 1;
  const next = compose.slice(body).search(/^[A-Za-z_][\w-]*:/m);
  const at = next < 0 ? compose.length : body + next;
  const block = [
    `  sim-${n.name}:`,
    `    <<: *ndxp`,
    `    command: ['node', 'services/simulators/${n.name}/dist/main.js']`,
    `    depends_on: {}`,
    `    environment: { SIM_HOST: 0.0.0.0, SIM_PORT: '${n.defaultPort}' }`,
    ``,
    `  adapter-${n.name}:`,
    `    <<: *ndxp`,
    `    command: ['node', 'services/adapters/${n.name}/dist/main.js']`,
    `    environment:`,
    `      NATS_URL: nats://nats:4222`,
    `      ${n.upstreamUrlEnv}: http://sim-${n.name}:${n.defaultPort}`,
    `      OPS_ADDR: 0.0.0.0:9464`,
    ``,
    ``,
  ].join('\n');
  const before = compose.slice(0, at).replace(/\n*$/, '\n\n');
  return before + block + compose.slice(at);
}
