// Public entry of the civil-status simulator: the dataset, the SOAP envelopes and the SOAP server.
export { createDataset, normalizeRegisterField, DEFAULT_SEED, DEFAULT_SIZE } from './dataset';
export type { Dataset, DatasetOptions } from './dataset';
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
