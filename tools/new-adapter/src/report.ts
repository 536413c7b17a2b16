// What the developer does after the scaffold, printed at the end of a run.
import type { Names } from './names';

/** The next steps, with the paths and commands of this system. */
export function nextSteps(n: Names, installed: boolean): string {
  const steps = [
    ...(installed ? [] : ['pnpm install && pnpm build            # link the new packages and build']),
    `npx jest services/simulators/${n.name} services/adapters/${n.name}   # the generated tests pass as they are`,
    `edit ${n.protoFile}   # the record's real fields; pnpm build regenerates the types`,
    `edit libs/contracts/src/national/${n.name}/record-id.ts   # the real identifier rules`,
    `edit services/adapters/${n.name}/src/mapper.ts      # the real national JSON → ${n.record}`,
    `edit services/simulators/${n.name}/src/dataset.ts   # data shaped like the real system's`,
    `node tools/ndxp/dist/main.js demo   # or startMesh({ systems: ['${n.name}'] }): it runs in the mesh as is`,
    `set ${n.upstreamUrlEnv} to the national system's URL in the deployment`,
  ];
  return `Done. Next steps (docs/adding-an-adapter.md explains each):\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`;
}
