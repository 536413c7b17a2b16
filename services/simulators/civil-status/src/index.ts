// Public entry of the civil-status simulator: the personal-ID validator, the dataset and the SOAP server.
export { validatePersonalId, encodePersonalId } from './personal-id';
export type {
  PersonalIdResult,
  ValidPersonalId,
  InvalidPersonalId,
  PersonalIdProblem,
  PersonalIdSex,
  PersonalIdParts,
  PersonalIdOptions,
} from './personal-id';
export { PROVINCES, provinceByCode, provinceLabel } from '@ndxp/simulator-kit';
export type { Province } from '@ndxp/simulator-kit';
export { createDataset, normalizeRegisterField, DEFAULT_SEED, DEFAULT_SIZE } from './dataset';
export type { Dataset, DatasetOptions, RecordKey } from './dataset';
export { EVENT_CODES, isEventCode } from './record';
export type {
  EventCode,
  NationalRecord,
  NationalRecordHeader,
  NationalBirthRecord,
  NationalDeathRecord,
  NationalMarriageRecord,
  NationalConfirmationRecord,
  RegisterKey,
} from './record';
export { escapeXml, soapEnvelope, faultEnvelope, SOAP_ENV_NS, HOTICH_NS } from './xml';
export type { SoapFault } from './xml';
export { parseLookupRequest, LOOKUP_OPERATION } from './soap-request';
export type { LookupRequest } from './soap-request';
export { startSimulator, faultStatus, SERVICE_PATH } from './server';
export type { Simulator, SimulatorOptions } from './server';
export { loadConfig } from './config';
export type { SimulatorConfig } from './config';
