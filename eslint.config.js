// ESLint 9 flat config: typescript-eslint's type-aware rules over every package's src and tests.
// Type information comes from tsconfig.check.json, the one program that holds sources and tests alike.
'use strict';
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');

// A package is used through its public entry (`@ndxp/x`), never by a path into it: neither a subpath
// of an @ndxp package nor a relative path that climbs into another package's src or dist.
const DEEP_IMPORTS = [
  { group: ['@ndxp/*/*'], message: 'import a package by its name only (its src/index.ts exports what others may use)' },
  {
    regex: String.raw`^(\.\./)+(libs|services|tools|test)/`,
    message: 'a relative path into another package is a deep import: import it by its @ndxp name',
  },
];

module.exports = tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'libs/contracts/src/gen/**', 'bench-results/**', '.ndxp/**', 'coverage/**', '.tools/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.check.json'], tsconfigRootDir: __dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The rules the house style asks for, stated explicitly (the first two are also in recommendedTypeChecked).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // Off on purpose: the SQLite stores, test doubles and stop hooks implement Promise-returning ports with
      // synchronous bodies; `async` there is deliberate, so a throw becomes a rejection instead of escaping.
      '@typescript-eslint/require-await': 'off',
      // Same conventions as tsc's noUnusedLocals: `_`-prefixed names and rest-sibling omissions are intended.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // House rules (../shared/style.md): named exports only, no deep imports, no import cycles.
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'no `export *`: export each public name by name' }],
      'no-restricted-imports': ['error', { patterns: DEEP_IMPORTS }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Services and libraries log through the pino factory (@ndxp/runtime createLogger); a command's
    // own output goes to process.stdout/stderr. Tests, benchmarks and scripts may print.
    files: ['libs/*/src/**/*.ts', 'services/**/src/**/*.ts', 'tools/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Off in tests only: jest's asymmetric matchers (expect.objectContaining, expect.any) are typed `any` by
    // design, and fixtures come back through JSON.parse; the production code keeps both rules.
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Plain CommonJS scripts and configs (jest.config.js, this file, scripts/*.js): no type information.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
