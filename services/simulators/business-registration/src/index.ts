// Public entry of the Business Registration simulator: the dataset and the HTTP server.
export { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from './dataset';
export type { Dataset, DatasetOptions } from './dataset';
export type { NationalEnterpriseRecord, NationalAddress } from './record';
export { startSimulator } from './server';
export type { Simulator, SimulatorOptions } from './server';
