// Public entry of the civil-status adapter: its definition (runAdapter / startAdapter), and its pure parts.
export { civilStatusAdapter, ADAPTER_VERSION } from './adapter';
export { resolveLookup, EVENT_CODE_BY_TYPE, MAX_REGISTER_FIELD_LENGTH } from './lookup-request';
export type { Lookup } from './lookup-request';
export { mapRecord, mapPerson, mapDate, mapSex, mapEventType, mapRegistrationKind, EVENT_TYPE_BY_CODE } from './mapper';
export { buildLookupEnvelope, parseLookupAnswer, faultToError, SERVICE_PATH, LOOKUP_OPERATION } from './soap-client';
export type { NationalFields, NationalFault } from './soap-client';
