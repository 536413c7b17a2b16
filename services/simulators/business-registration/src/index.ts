// Public entry of the Business Registration simulator: the dataset, the check digit and the HTTP server.
export { computeCheckDigit, TAX_CODE_WEIGHTS } from './check-digit';
export { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from './dataset';
export type { Dataset, DatasetOptions } from './dataset';
export type { NationalEnterpriseRecord, NationalAddress } from './record';
export { PROVINCES } from '@ndxp/simulator-kit';
export type { Province } from '@ndxp/simulator-kit';
export { startSimulator } from './server';
export type { Simulator, SimulatorOptions } from './server';
export { loadConfig } from './config';
export type { SimulatorConfig } from './config';
