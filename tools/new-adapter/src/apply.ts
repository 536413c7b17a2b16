// Writing a plan to disk, formatting what it wrote, and linking and building the workspace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plan } from './plan';

/** Runs a command in the repository, output shown; throws when it fails. */
export function run(root: string, command: string, args: string[]): void {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** Writes every file of the plan and formats them with the repository's prettier. */
export function writePlan(root: string, plan: Plan): void {
  for (const change of plan.changes) {
    const file = join(root, change.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, change.content);
  }
  const formattable = plan.changes.map((c) => c.path).filter((p) => !p.endsWith('.proto'));
  run(root, join(root, 'node_modules/.bin/prettier'), ['--write', '--log-level', 'warn', ...formattable]);
}

/** Links the new workspace packages (pnpm install) and builds everything (pnpm build). */
export function installAndBuild(root: string): void {
  run(root, 'pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
  run(root, 'pnpm', ['build']);
}
