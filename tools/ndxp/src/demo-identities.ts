// The demo's control-plane step: an ops and an oversight identity get access tokens from the
// registry (written to <data dir>/tokens, mode 0600), and one report call shows both answers: 401
// without a token, 200 with the oversight one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mesh } from '@ndxp/testing';

/** Where the demo's token files are. */
export interface DemoIdentities {
  ops: string;
  oversight: string;
}

/** A working day: the demo's tokens last 8 hours. */
const DEMO_TOKEN_TTL_S = 8 * 3600;

/** Issues the two tokens, writes them, and shows a refused and an allowed report call. */
export async function makeDemoIdentities(mesh: Mesh, meteringUrl: string, say: (line: string) => void): Promise<DemoIdentities> {
  const dir = join(mesh.dataDir, 'tokens');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files: DemoIdentities = { ops: join(dir, 'demo-ops.token'), oversight: join(dir, 'demo-giam-sat.token') };
  const ops = await mesh.accessToken('demo-ops', ['ops'], DEMO_TOKEN_TTL_S);
  const oversight = await mesh.accessToken('demo-giam-sat', ['oversight'], DEMO_TOKEN_TTL_S);
  writeFileSync(files.ops, `${ops}\n`, { mode: 0o600 });
  writeFileSync(files.oversight, `${oversight}\n`, { mode: 0o600 });
  say(`  demo-ops (ops):            ${files.ops}\n  demo-giam-sat (oversight): ${files.oversight}\n`);
  const url = `${meteringUrl}/api/report?group=total`;
  const anonymous = await fetch(url);
  const anonymousBody = (await anonymous.json()) as { code?: string };
  say(`  GET /api/report without a token:     HTTP ${anonymous.status} ${anonymousBody.code ?? ''}\n`);
  const allowed = await fetch(url, { headers: { authorization: `Bearer ${oversight}` } });
  const report = (await allowed.json()) as { total?: { count?: number } };
  say(`  GET /api/report as demo-giam-sat:    HTTP ${allowed.status}, ${report.total?.count ?? 0} transactions\n`);
  return files;
}
