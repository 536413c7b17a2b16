#!/usr/bin/env node
// Fails when a package's public signature uses a type its index does not export by name (api-extractor's
// ae-forgotten-export), so a user of the package never has to rebuild a type by type gymnastics.
// Reads each workspace package's built dist/index.d.ts: run after `pnpm build`. Usage:
//   node scripts/check-exports.js [package-dir ...]   (default: every package with src/index.ts)
'use strict';
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const ROOT = join(__dirname, '..');
const GROUPS = ['libs', 'services', 'services/adapters', 'services/simulators', 'tools'];

function packageDirs() {
  const dirs = [];
  for (const group of GROUPS) {
    for (const name of readdirSync(join(ROOT, group))) {
      const dir = join(ROOT, group, name);
      if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'index.ts'))) dirs.push(dir);
    }
  }
  return dirs;
}

/** The forgotten exports of one package, as "file:line: message" lines. */
function forgottenExports(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entry = join(dir, 'dist', 'index.d.ts');
  if (!existsSync(entry)) return [`${relative(ROOT, dir)}: no dist/index.d.ts (run pnpm build first)`];
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: dir,
      mainEntryPointFilePath: entry,
      compiler: { tsconfigFilePath: join(dir, 'tsconfig.json') },
      apiReport: { enabled: false },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
        extractorMessageReporting: {
          default: { logLevel: 'none' },
          'ae-forgotten-export': { logLevel: 'warning', addToApiReportFile: false },
        },
      },
    },
    configObjectFullPath: join(dir, 'api-extractor.json'),
    packageJsonFullPath: join(dir, 'package.json'),
    packageJson: pkg,
  });
  const found = [];
  Extractor.invoke(config, {
    localBuild: true,
    showVerboseMessages: false,
    messageCallback: (message) => {
      // Each generated file declares its own MessageFns<T>, DeepPartial<T> and Builtin, identical to
      // the ones @ndxp/contracts exports by name (Builtin is DeepPartial's helper); api-extractor numbers the others (MessageFns_3, ...).
      const generatedTwin =
        /^The symbol "(MessageFns|DeepPartial|Builtin)_\d+"/.test(message.text) &&
        /contracts\/src\/gen\//.test(message.sourceFilePath ?? '');
      if (message.messageId === 'ae-forgotten-export' && !generatedTwin) {
        const where = message.sourceFilePath ? `${relative(ROOT, message.sourceFilePath)}:${message.sourceFileLine}` : pkg.name;
        found.push(`${where}: ${message.text}`);
      }
      message.handled = true;
    },
  });
  return found;
}

module.exports = { forgottenExports };
if (require.main !== module) return;

const dirs = process.argv.length > 2 ? process.argv.slice(2).map((d) => join(process.cwd(), d)) : packageDirs();
let problems = 0;
for (const dir of dirs) {
  let found;
  try {
    found = forgottenExports(dir);
  } catch (err) {
    found = [`${relative(ROOT, dir)}: cannot analyse its entry point: ${String(err.message ?? err).split('\n')[0]}`];
  }
  problems += found.length;
  for (const line of found) console.log(line);
}
console.log(
  problems === 0
    ? `exports: ${dirs.length} packages, every public type exported by name`
    : `exports: ${problems} public type(s) not exported by name`,
);
process.exitCode = problems === 0 ? 0 : 1;
