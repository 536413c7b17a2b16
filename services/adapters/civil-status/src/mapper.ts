// Pure mapping from the national system's record fields (nks*, me*, cha*, nkt*, chong*, vo*, nxn*) to the proto.
import { CivilStatusRecord, EventType, RegistrationKind, Sex, type Person } from '@ndxp/contracts';
import type { NationalFields } from './soap-client';

/** Event codes (loaiSuKien) and the contract's enum; anything else is UNSPECIFIED. */
export const EVENT_TYPE_BY_CODE: ReadonlyMap<string, EventType> = new Map([
  ['KS', EventType.EVENT_TYPE_BIRTH],
  ['KT', EventType.EVENT_TYPE_DEATH],
  ['KH', EventType.EVENT_TYPE_MARRIAGE],
  ['XNTTHN', EventType.EVENT_TYPE_MARITAL_STATUS_CONFIRMATION],
]);

/** loaiSuKien → EventType. */
export function mapEventType(code: string): EventType {
  return EVENT_TYPE_BY_CODE.get(code.trim().toUpperCase()) ?? EventType.EVENT_TYPE_UNSPECIFIED;
}

/** gioiTinh: 1 male, 2 female, 3 undetermined; anything else UNSPECIFIED. */
export function mapSex(code: string): Sex {
  const c = code.trim();
  return c === '1' ? Sex.SEX_MALE : c === '2' ? Sex.SEX_FEMALE : c === '3' ? Sex.SEX_UNDETERMINED : Sex.SEX_UNSPECIFIED;
}

/** loaiDangKy: 1 on time, 2 re-registration, 3 recorded from abroad, 4 late; anything else UNSPECIFIED. */
export function mapRegistrationKind(code: string): RegistrationKind {
  switch (code.trim()) {
    case '1':
      return RegistrationKind.REGISTRATION_KIND_ON_TIME;
    case '2':
      return RegistrationKind.REGISTRATION_KIND_RE_REGISTRATION;
    case '3':
      return RegistrationKind.REGISTRATION_KIND_RECORDED_FROM_ABROAD;
    case '4':
      return RegistrationKind.REGISTRATION_KIND_LATE;
    default:
      return RegistrationKind.REGISTRATION_KIND_UNSPECIFIED;
  }
}

/** dd/mm/yyyy (the national system's form) → YYYY-MM-DD; an ISO date passes through; anything else, or a day that does not exist, → "". */
export function mapDate(text: string): string {
  const t = text.trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(t);
  const [y, m, d] = vn ? [vn[3]!, vn[2]!, vn[1]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : ['', '', ''];
  if (!y) return '';
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return '';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The person whose fields start with `prefix` (nks, me, cha, nkt, chong, vo, nxn); missing fields map to "". */
export function mapPerson(fields: NationalFields, prefix: string, sex?: Sex): Person {
  const f = (name: string): string => (fields[prefix + name] ?? '').trim();
  return {
    fullName: f('HoTen'),
    sex: sex ?? mapSex(f('GioiTinh')),
    dateOfBirth: mapDate(f('NgaySinh')),
    placeOfBirth: f('NoiSinh'),
    homeTown: f('QueQuan'),
    ethnicity: f('DanToc'),
    nationality: f('QuocTich'),
    personalId: f('SoDinhDanh'),
    residence: f('NoiCuTru'),
    idDocumentType: f('LoaiGiayTo'),
    idDocumentNumber: f('SoGiayTo'),
  };
}

/**
 * Maps one record to CivilStatusRecord by its loaiSuKien: birth → subject (nks), mother (me), father
 * (cha); death → subject (nkt) and date, place, cause; marriage → subject the husband (chong), spouse
 * the wife (vo); confirmation → subject (nxn), status and purpose. Unknown codes map to UNSPECIFIED.
 */
export function mapRecord(fields: NationalFields): CivilStatusRecord {
  const f = (name: string): string => (fields[name] ?? '').trim();
  const eventType = mapEventType(f('loaiSuKien'));
  const record = CivilStatusRecord.fromPartial({
    eventType,
    header: {
      number: f('so'),
      book: f('quyenSo'),
      page: f('trangSo'),
      registrationDate: mapDate(f('ngayDangKy')),
      registrationKind: mapRegistrationKind(f('loaiDangKy')),
      office: f('noiDangKy'),
      signer: f('nguoiKy'),
      signerRole: f('chucVuNguoiKy'),
    },
  });
  switch (eventType) {
    case EventType.EVENT_TYPE_BIRTH:
      record.subject = mapPerson(fields, 'nks');
      record.mother = mapPerson(fields, 'me', Sex.SEX_FEMALE);
      record.father = mapPerson(fields, 'cha', Sex.SEX_MALE);
      break;
    case EventType.EVENT_TYPE_DEATH:
      record.subject = mapPerson(fields, 'nkt');
      record.dateOfDeath = mapDate(f('ngayChet'));
      record.placeOfDeath = f('noiChet');
      record.causeOfDeath = f('nguyenNhan');
      break;
    case EventType.EVENT_TYPE_MARRIAGE:
      record.subject = mapPerson(fields, 'chong', Sex.SEX_MALE);
      record.spouse = mapPerson(fields, 'vo', Sex.SEX_FEMALE);
      break;
    case EventType.EVENT_TYPE_MARITAL_STATUS_CONFIRMATION:
      record.subject = mapPerson(fields, 'nxn');
      record.maritalStatus = f('tinhTrangHonNhan');
      record.purposeOfConfirmation = f('mucDichSuDung');
      break;
    default:
      break;
  }
  return record;
}
