// The scaffold's services in deploy/compose.yaml: a simulator and an adapter, inserted before the
// file's top-level `volumes:` key, in the style of the entries there.
import type { Names } from './names';
import { UsageError } from './names';

/** compose.yaml with the simulator and adapter of `n` added as services. */
export function withComposeServices(compose: string, n: Names, path: string): string {
  if (new RegExp(`^  (sim|adapter)-${n.name}:`, 'm').test(compose)) throw new UsageError(`${path} already has services for ${n.name}`);
  const at = compose.search(/^volumes:/m);
  if (at < 0) throw new UsageError(`${path} has no top-level volumes: key to insert the services above`);
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
