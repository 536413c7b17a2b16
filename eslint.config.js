// ESLint 9 flat config: typescript-eslint's type-aware rules over every package's src and tests.
// Type information comes from tsconfig.check.json, the one program that holds sources and tests alike.
'use strict';
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

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
    },
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
