// No production package depends on a simulator (the stand-ins for the national systems): the
// national systems' rules live in @ndxp/contracts, and a simulator may only be a devDependency that
// a package's tests start. Production is libs/* but simulator-kit and testing, and services/* but
// services/simulators/*. tools/* are developer tools (the demo starts simulators) and are not checked.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SIMULATOR = /^@ndxp\/simulator-/;
const NOT_PRODUCTION = new Set(['libs/simulator-kit', 'libs/testing']);

/** Every production package folder, relative to the root. */
function productionPackages(): string[] {
  const folders = (parent: string): string[] =>
    readdirSync(join(ROOT, parent))
      .map((d) => `${parent}/${d}`)
      .filter((dir) => existsSync(join(ROOT, dir, 'package.json')));
  return [...folders('libs'), ...folders('services'), ...folders('services/adapters')].filter((dir) => !NOT_PRODUCTION.has(dir));
}

/** The .ts files under src that are not tests. */
function sourceFiles(dir: string): string[] {
  const walk = (path: string): string[] =>
    readdirSync(path).flatMap((name) => {
      const full = join(path, name);
      if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : walk(full);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
    });
  const src = join(ROOT, dir, 'src');
  return existsSync(src) ? walk(src) : [];
}

/** The simulator packages a source text imports, re-exports or requires. */
function simulatorImports(source: string): string[] {
  const found = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](@ndxp\/simulator-[^'"]+)['"]/gm);
  return [...found].map((m) => m[1]!);
}

/** What ties a package to a simulator: its `dependencies` entries and its source files' imports. */
function offences(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const deps = Object.keys(manifest.dependencies ?? {})
    .filter((d) => SIMULATOR.test(d))
    .map((d) => `${dir}/package.json: dependencies lists ${d}`);
  const imports = sourceFiles(dir).flatMap((file) =>
    simulatorImports(readFileSync(file, 'utf8')).map((pkg) => `${relative(ROOT, file)}: imports ${pkg}`),
  );
  return [...deps, ...imports];
}

describe('production packages and the simulators', () => {
  const packages = productionPackages();

  it('finds the production packages, and leaves the simulators, simulator-kit and testing out', () => {
    expect(packages).toEqual(expect.arrayContaining(['libs/contracts', 'services/routing', 'services/adapters/vnpost']));
    expect(packages.filter((d) => d.startsWith('services/simulators') || NOT_PRODUCTION.has(d))).toEqual([]);
  });

  it('recognises every way a source file can reach a simulator', () => {
    const source = [
      "import { startSimulator } from '@ndxp/simulator-vnpost';",
      'export { createDataset } from "@ndxp/simulator-budget-units";',
      "import type { Rng } from '@ndxp/simulator-kit';",
      "import '@ndxp/simulator-civil-status';",
      "const m = await import('@ndxp/simulator-business-registration');",
      "const r = require('@ndxp/simulator-land');",
      "import { MeshError } from '@ndxp/contracts';",
    ].join('\n');
    expect(simulatorImports(source)).toEqual([
      '@ndxp/simulator-vnpost',
      '@ndxp/simulator-budget-units',
      '@ndxp/simulator-kit',
      '@ndxp/simulator-civil-status',
      '@ndxp/simulator-business-registration',
      '@ndxp/simulator-land',
    ]);
  });

  it('lists no simulator in dependencies and imports none from a non-test source file', () => {
    expect(packages.flatMap(offences)).toEqual([]);
  });
});
