// Public entry of the budget-unit code simulator: the dataset and the HTTP server.
/** Every simulator's default SIM_SEED, and its dataset options (the kit's). */
export { DEFAULT_DATASET_SEED as DEFAULT_SEED } from '@ndxp/simulator-kit';
export type { DatasetOptions } from '@ndxp/simulator-kit';
export { createDataset, DEFAULT_SIZE, MAX_SIZE } from './dataset';
export type { Dataset, SearchQuery } from './dataset';
export type { NationalBudgetUnitRecord, NationalSearchPage } from './record';
export { startSimulator, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './server';
export type { Simulator, SimulatorOptions } from './server';
