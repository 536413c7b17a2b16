// Checks a GetCivilStatusRecord request before any upstream call and turns it into the national lookup.
import {
  EventType,
  MeshError,
  validatePersonalId,
  type EventCode,
  type GetCivilStatusRecordRequest,
  type RecordKey,
} from '@ndxp/contracts';

/** The national system's event code of each contract event type. */
export const EVENT_CODE_BY_TYPE: ReadonlyMap<EventType, EventCode> = new Map([
  [EventType.EVENT_TYPE_BIRTH, 'KS'],
  [EventType.EVENT_TYPE_DEATH, 'KT'],
  [EventType.EVENT_TYPE_MARRIAGE, 'KH'],
  [EventType.EVENT_TYPE_MARITAL_STATUS_CONFIRMATION, 'XNTTHN'],
]);

/** Longest register field accepted (the national system's columns are shorter). */
export const MAX_REGISTER_FIELD_LENGTH = 300;

/** A checked lookup: the national event code and the key to look up by. */
export interface Lookup {
  event: EventCode;
  eventType: EventType;
  key: RecordKey;
}

const invalid = (field: string, message: string): MeshError => new MeshError('client.invalid_argument', message, { field });

function registerField(value: string, field: string, label: string): string {
  const v = value.trim();
  if (v === '') throw invalid(`register_number.${field}`, `register_number.${field} (${label}) is empty`);
  if (v.length > MAX_REGISTER_FIELD_LENGTH) {
    throw invalid(`register_number.${field}`, `register_number.${field} is longer than ${MAX_REGISTER_FIELD_LENGTH} characters`);
  }
  return v;
}

/**
 * The lookup a request asks for; throws client.invalid_argument naming the field: `event_type`
 * (unspecified or unknown), `key` (neither personal_id nor register_number), `personal_id` (not a
 * valid personal identification number), `register_number.number|book|office` (empty or too long).
 */
export function resolveLookup(request: GetCivilStatusRecordRequest): Lookup {
  const event = EVENT_CODE_BY_TYPE.get(request.eventType);
  if (!event) throw invalid('event_type', 'event_type must be BIRTH, DEATH, MARRIAGE or MARITAL_STATUS_CONFIRMATION');
  const key = request.key;
  if (!key) throw invalid('key', 'one of personal_id or register_number is required');
  if (key.$case === 'personalId') {
    const id = validatePersonalId(key.value);
    if (!id.valid) throw invalid('personal_id', id.reason);
    return { event, eventType: request.eventType, key: { personalId: id.personalId } };
  }
  return {
    event,
    eventType: request.eventType,
    key: {
      so: registerField(key.value.number, 'number', 'số'),
      quyenSo: registerField(key.value.book, 'book', 'quyển số'),
      noiDangKy: registerField(key.value.office, 'office', 'nơi đăng ký'),
    },
  };
}
