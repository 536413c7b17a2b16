// Public entry of the civil-status simulator: the dataset, the SOAP envelopes and the SOAP server.
/** Every simulator's default SIM_SEED, and its dataset options (the kit's). */
export { DEFAULT_DATASET_SEED as DEFAULT_SEED } from '@ndxp/simulator-kit';
export type { DatasetOptions } from '@ndxp/simulator-kit';
export { createDataset, normalizeRegisterField, DEFAULT_SIZE } from './dataset';
export type { Dataset } from './dataset';
export type {
  NationalRecord,
  NationalRecordHeader,
  NationalBirthRecord,
  NationalDeathRecord,
  NationalMarriageRecord,
  NationalConfirmationRecord,
} from './record';
export { soapEnvelope, faultEnvelope } from './xml';
export type { SoapFault } from './xml';
export { parseLookupRequest } from './soap-request';
export type { LookupRequest } from './soap-request';
export { startSimulator, faultStatus } from './server';
export type { Simulator, SimulatorOptions } from './server';
