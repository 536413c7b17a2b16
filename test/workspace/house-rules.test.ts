// The house rules the tools keep (../shared/style.md): ESLint refuses `export *`, deep imports, console
// in services and libraries, and import cycles; scripts/check-exports.js refuses a public signature
// that uses a type its package's index does not export. Each rule is shown to fire on code that
// breaks it and to stay quiet on code that keeps it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { forgottenExports } = require(join(ROOT, 'scripts', 'check-exports.js')) as { forgottenExports: (dir: string) => string[] };

/** One piece of code to lint as if it stood at `filePath` (relative to the root). */
interface Probe {
  code: string;
  filePath: string;
}

// ESLint loads its config with a dynamic import, which jest's module sandbox refuses: the probes are
// linted by a plain Node process with the repository's config, less its type-aware rules (the probes
// are not in tsconfig.check.json; the house rules need no types).
const LINT_PROBES = `
const { ESLint } = require('eslint');
const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const { configs } = require('typescript-eslint');
const eslint = new ESLint({
  cwd: process.cwd(),
  ignore: false,
  overrideConfig: [{ files: ['**/*.ts'], ...configs.disableTypeChecked }],
});
(async () => {
  const out = [];
  for (const p of probes) {
    const [r] = p.code === undefined ? await eslint.lintFiles([p.filePath]) : await eslint.lintText(p.code, { filePath: p.filePath });
    out.push(r.messages.map((m) => m.ruleId || m.message));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

/** The rule ids ESLint reports for each probe (a probe without code lints the file on disk). */
function lint(probes: (Probe | { filePath: string })[]): string[][] {
  const run = spawnSync(process.execPath, ['-e', LINT_PROBES], {
    cwd: ROOT,
    input: JSON.stringify(probes.map((p) => ({ ...p, filePath: join(ROOT, p.filePath) }))),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint probe failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

describe('ESLint keeps the house rules', () => {
  it('refuses export * and accepts named exports', () => {
    const [star, named] = lint([
      { code: "export * from './config';\n", filePath: 'libs/runtime/src/probe.ts' },
      { code: "export { loadConfig } from './config';\n", filePath: 'libs/runtime/src/probe.ts' },
    ]);
    expect(star).toContain('no-restricted-syntax');
    expect(named).toEqual([]);
  });

  it('refuses a deep import into another package, by subpath or by relative path', () => {
    const [subpath, relativePath, byName] = lint([
      { code: "import { x } from '@ndxp/contracts/src/subjects';\nexport const y = x;\n", filePath: 'services/routing/src/probe.ts' },
      { code: "import { x } from '../../../libs/store/src/ports';\nexport const y = x;\n", filePath: 'services/metering/src/probe.ts' },
      { code: "import { x } from '@ndxp/contracts';\nexport const y = x;\n", filePath: 'services/routing/src/probe.ts' },
    ]);
    expect(subpath).toContain('no-restricted-imports');
    expect(relativePath).toContain('no-restricted-imports');
    expect(byName).toEqual([]);
  });

  it('refuses console in a service or library, and allows it in a test', () => {
    const code = "console.log('hello');\n";
    const [service, library, test] = lint([
      { code, filePath: 'services/gateway/src/probe.ts' },
      { code, filePath: 'libs/runtime/src/probe.ts' },
      { code, filePath: 'services/gateway/src/probe.test.ts' },
    ]);
    expect(service).toContain('no-console');
    expect(library).toContain('no-console');
    expect(test).not.toContain('no-console');
  });

  it('refuses an import cycle between two modules, not a one-way import', () => {
    const dir = mkdtempSync(join(ROOT, 'test', 'workspace', '.probe-'));
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
      writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a();\n");
      mkdirSync(join(dir, 'c'));
      writeFileSync(join(dir, 'c', 'c.ts'), "import { a } from '../a';\nexport const c = (): number => a();\n");
      const [a, c] = lint([{ filePath: relative(ROOT, join(dir, 'a.ts')) }, { filePath: relative(ROOT, join(dir, 'c', 'c.ts')) }]);
      expect(a).toContain('import-x/no-cycle');
      expect(c).not.toContain('import-x/no-cycle');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('check-exports', () => {
  /** A package folder whose built entry point is `dts`. */
  function packageWith(dts: string): string {
    const dir = mkdtempSync(join(ROOT, 'test', 'workspace', '.probe-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@ndxp/probe', version: '0.0.0' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true } }));
    writeFileSync(join(dir, 'dist', 'index.d.ts'), dts);
    return dir;
  }

  it('names a public type that the index does not export', () => {
    // As tsc writes it: `export {}` marks the file a module, so Limits is not exported.
    const dir = packageWith(
      'interface Limits {\n  rate: number;\n}\nexport declare function limitsOf(consumer: string): Limits;\nexport {};\n',
    );
    try {
      expect(forgottenExports(dir)).toEqual([expect.stringContaining('The symbol "Limits" needs to be exported by the entry point')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('passes when every type of a public signature is exported by name', () => {
    const dir = packageWith('export interface Limits {\n  rate: number;\n}\nexport declare function limitsOf(consumer: string): Limits;\n');
    try {
      expect(forgottenExports(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
