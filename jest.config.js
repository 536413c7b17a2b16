// One jest configuration for the monorepo: TypeScript through SWC to CommonJS, packages mapped to src.
'use strict';
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
];
const moduleNameMapper = {
  '^@ndxp/(contracts|runtime|testing|store|adapter-sdk|lgsp-client|simulator-kit|broker-auth|openapi)$': '<rootDir>/libs/$1/src/index.ts',
  '^@ndxp/simulator-(.*)$': '<rootDir>/services/simulators/$1/src/index.ts',
};
const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{libs,services,tools}/**/src/**/*.test.ts',
        '<rootDir>/test/bench/src/**/*.test.ts',
        '<rootDir>/test/k8s/**/*.test.ts',
        '<rootDir>/test/workspace/**/*.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,tools}/**/src/**/*.int.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
    { ...common, displayName: 'fuzz', testMatch: ['<rootDir>/test/fuzz/**/*.test.ts'] },
  ],
};
