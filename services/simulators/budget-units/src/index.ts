// Public entry of the budget-unit code simulator: the code validator, the dataset and the HTTP server.
export { CODE_LENGTH, CODE_PREFIXES } from './code-prefixes';
export type { CodePrefix, UnitKindCode } from './code-prefixes';
export { validateBudgetUnitCode } from './code-validator';
export type { CodeProblem, CodeResult } from './code-validator';
export { foldName } from './fold-name';
export { createDataset, DEFAULT_SEED, DEFAULT_SIZE, MAX_SIZE } from './dataset';
export type { Dataset, DatasetOptions, SearchQuery } from './dataset';
export { LEVEL_TEXT, STATUS_TEXT } from './record';
export type { NationalBudgetUnitRecord, NationalSearchPage } from './record';
export { PROVINCES } from '@ndxp/simulator-kit';
export type { Province } from '@ndxp/simulator-kit';
export { startSimulator, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './server';
export type { Simulator, SimulatorOptions } from './server';
export { loadConfig } from './config';
export type { SimulatorConfig } from './config';
