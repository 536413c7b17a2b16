// Public entry of the Business Registration simulator: the dataset and the HTTP server.
/** Every simulator's default SIM_SEED, and its dataset options (the kit's). */
export { DEFAULT_DATASET_SEED as DEFAULT_SEED } from '@ndxp/simulator-kit';
export type { DatasetOptions } from '@ndxp/simulator-kit';
export { createDataset, DEFAULT_SIZE } from './dataset';
export type { Dataset } from './dataset';
export type { NationalEnterpriseRecord, NationalAddress } from './record';
export { startSimulator } from './server';
export type { Simulator, SimulatorOptions } from './server';
