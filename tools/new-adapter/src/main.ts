#!/usr/bin/env node
// Entry of `pnpm new-adapter <name>`: scaffolds a national system's contract, simulator, adapter,
// registry seed and deployment entry, then links and builds the workspace.
import { resolve } from 'node:path';
import { installAndBuild, writePlan } from './apply';
import { parseArgs } from './args';
import { UsageError } from './names';
import { planScaffold } from './plan';
import { nextSteps } from './report';

const HELP = `pnpm new-adapter <name> --owner CLASS-CODE --subsystem CODE --title "..." [options]

Scaffolds a national system: proto contract, @ndxp/contracts exports and catalogue entry, a REST/JSON
simulator, an adapter on @ndxp/adapter-sdk, registry seed (subsystem, service, grants), the
deploy/national-systems.json entry (so startMesh and the demo run it) and tsconfig references;
then runs pnpm install and pnpm build.

  <name>                  kebab-case system name, e.g. land-registry
  --owner CLASS-CODE      owning member, which must exist in services/registry/seed, e.g. BO-BTNMT
  --subsystem CODE        the system's subsystem code under its owner, e.g. DATDAI
  --title TEXT            the system's name, e.g. "CSDL quốc gia về đất đai"
  --consumers A,B         member classes whose LGSPs are granted the lookup (default TINH,BO)
  --env-prefix P          prefix of the adapter's variables, P_UPSTREAM_URL (default: initials, LR)
  --service-title TEXT    registry name of the lookup service
  --dry-run               print what would be created and edited; write nothing
  --no-install            write the files but skip pnpm install and pnpm build
  --root DIR              repository to scaffold into (default: the one this tool is in)
  -h, --help              this text

Example:
  pnpm new-adapter land-registry --owner BO-BTNMT --subsystem DATDAI \\
    --title "CSDL quốc gia về đất đai" --consumers TINH,BO`;

function main(argv: string[]): number {
  let command;
  try {
    command = parseArgs(argv);
    if (command.help) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    const root = resolve(command.root ?? resolve(__dirname, '../../..'));
    const plan = planScaffold(root, command.input);
    const verb = command.dryRun ? 'would' : 'will';
    process.stdout.write(`new-adapter: ${plan.names.name} (${plan.names.provider}, ${plan.names.service}) ${verb} write:\n`);
    for (const c of plan.changes) process.stdout.write(`  ${c.kind === 'create' ? 'create' : 'edit  '} ${c.path}\n`);
    if (command.dryRun) return 0;
    writePlan(root, plan);
    if (command.install) installAndBuild(root);
    process.stdout.write(`\n${nextSteps(plan.names, command.install)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`new-adapter: ${err.message}\n\n${HELP}\n`);
      return 2;
    }
    process.stderr.write(`new-adapter: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
