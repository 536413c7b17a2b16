// Public entry of the budget-unit code simulator: the dataset and the HTTP server.
export { createDataset, DEFAULT_SEED, DEFAULT_SIZE, MAX_SIZE } from './dataset';
export type { Dataset, DatasetOptions, SearchQuery } from './dataset';
export type { NationalBudgetUnitRecord, NationalSearchPage } from './record';
export { startSimulator, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './server';
export type { Simulator, SimulatorOptions } from './server';
