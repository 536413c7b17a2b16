// Builds the full record of one event of one person, on demand, from per-person seeded randomness.
import { formatDay, yearsToDays } from './days';
import { address, birthDayYearsBefore, ethnicity, fullName, homeTown, idDocument, placeOfBirth, randomPersonalId } from './people';
import { provinceByCode } from '@ndxp/contracts';
import { createRng, mixSeed, pickWeighted, provinceLabel, type Rng } from '@ndxp/simulator-kit';
import type {
  NationalBirthRecord,
  NationalConfirmationRecord,
  NationalDeathRecord,
  NationalMarriageRecord,
  NationalRecordHeader,
} from './record';
import { pickProvince, type EventRef, type PersonSkeleton } from './skeleton';
import { CAUSES_OF_DEATH, CONFIRMATION_PURPOSES, MARITAL_STATUSES, SIGNER_ROLES, SURNAMES } from './vocabulary';

const NATIONALITY = 'Việt Nam';

/** What stays the same about a person in every record: name, ethnicity, home town, residence. */
interface Identity {
  surname: string;
  name: string;
  ethnicity: string;
  homeTown: string;
  residence: string;
}

function identity(seed: number, p: PersonSkeleton): Identity {
  const rng = createRng(mixSeed(seed, 0));
  const surname = rng.pick(SURNAMES);
  return {
    surname,
    name: fullName(rng, p.female, surname),
    ethnicity: ethnicity(rng),
    homeTown: homeTown(rng, rng.chance(0.7) ? p.provinceCode : pickProvince(rng).code),
    residence: address(rng, p.residenceCode),
  };
}

const sexCode = (female: boolean): string => (female ? '2' : '1');

function header<T extends NationalRecordHeader['loaiSuKien']>(rng: Rng, loaiSuKien: T, e: EventRef) {
  return {
    loaiSuKien,
    so: e.so,
    quyenSo: e.quyenSo,
    trangSo: String(rng.int(1, 200)),
    ngayDangKy: formatDay(e.day),
    loaiDangKy: String(e.kind),
    noiDangKy: e.noiDangKy,
    nguoiKy: fullName(rng, rng.chance(0.4)),
    chucVuNguoiKy: rng.pick(SIGNER_ROLES),
  };
}

/** The birth record (khai sinh) of a person; `seed` is the person's own seed. */
export function buildBirthRecord(seed: number, p: PersonSkeleton): NationalBirthRecord {
  const who = identity(seed, p);
  const rng = createRng(mixSeed(seed, 1));
  const motherBirth = birthDayYearsBefore(rng, p.birthDay, 18, 40);
  const fatherBirth = birthDayYearsBefore(rng, p.birthDay, 20, 45);
  const motherDoc = idDocument(rng, true, motherBirth, p.birth.day);
  const fatherDoc = idDocument(rng, false, fatherBirth, p.birth.day);
  const parentsEthnicity = (): string => (rng.chance(0.9) ? who.ethnicity : 'Kinh');
  return {
    ...header(rng, 'KS', p.birth),
    nksHoTen: who.name,
    nksGioiTinh: sexCode(p.female),
    nksNgaySinh: formatDay(p.birthDay),
    nksNoiSinh: placeOfBirth(rng, p.provinceCode),
    nksQueQuan: who.homeTown,
    nksDanToc: who.ethnicity,
    nksQuocTich: NATIONALITY,
    nksSoDinhDanh: p.personalId,
    meHoTen: fullName(rng, true),
    meNgaySinh: formatDay(motherBirth),
    meDanToc: parentsEthnicity(),
    meQuocTich: NATIONALITY,
    meNoiCuTru: who.residence,
    meLoaiGiayTo: motherDoc.type,
    meSoGiayTo: motherDoc.number,
    chaHoTen: fullName(rng, false, who.surname),
    chaNgaySinh: formatDay(fatherBirth),
    chaDanToc: parentsEthnicity(),
    chaQuocTich: NATIONALITY,
    chaNoiCuTru: who.residence,
    chaLoaiGiayTo: fatherDoc.type,
    chaSoGiayTo: fatherDoc.number,
  };
}

function ownDocument(p: PersonSkeleton, rng: Rng, onDay: number): { type: string; number: string } {
  const doc = idDocument(rng, p.female, p.birthDay, onDay);
  // A person of the dataset shows their own number when they show a CCCD.
  return doc.type === 'CCCD' ? { type: 'CCCD', number: p.personalId } : doc;
}

/** The death record (khai tử) of a person who has one. */
export function buildDeathRecord(seed: number, p: PersonSkeleton): NationalDeathRecord | undefined {
  if (!p.death) return undefined;
  const who = identity(seed, p);
  const rng = createRng(mixSeed(seed, 2));
  const doc = ownDocument(p, rng, p.death.deathDay);
  const province = provinceByCode(p.residenceCode)!;
  const young = p.death.deathDay - p.birthDay < yearsToDays(50);
  return {
    ...header(rng, 'KT', p.death),
    nktHoTen: who.name,
    nktGioiTinh: sexCode(p.female),
    nktNgaySinh: formatDay(p.birthDay),
    nktDanToc: who.ethnicity,
    nktQuocTich: NATIONALITY,
    nktNoiCuTru: who.residence,
    nktLoaiGiayTo: doc.type,
    nktSoGiayTo: doc.number,
    nktSoDinhDanh: p.personalId,
    ngayChet: formatDay(p.death.deathDay),
    noiChet: rng.chance(0.55) ? `Tại nơi cư trú: ${who.residence}` : `Bệnh viện Đa khoa ${province.name}, ${provinceLabel(province)}`,
    nguyenNhan: young && rng.chance(0.5) ? rng.pick(['Tai nạn giao thông', 'Tai nạn lao động', 'Đuối nước']) : rng.pick(CAUSES_OF_DEATH),
  };
}

/** The marriage record (kết hôn) of a person who has one: the partner is made up from its own seed. */
export function buildMarriageRecord(seed: number, p: PersonSkeleton): NationalMarriageRecord | undefined {
  if (!p.marriage) return undefined;
  const who = identity(seed, p);
  const rng = createRng(mixSeed(seed, 3));
  const partner = createRng(p.marriage.partnerSeed);
  const day = p.marriage.day;
  // Husbands are mostly a few years older; partners are at least of marrying age on the day.
  const gap = partner.int(-3, 8) * (p.female ? 1 : -1);
  const partnerBirth = Math.min(p.birthDay - yearsToDays(gap), day - yearsToDays(p.female ? 20 : 18) - partner.int(1, 300));
  const partnerDoc = idDocument(partner, !p.female, partnerBirth, day);
  const partnerId = partnerDoc.personalId || randomPersonalId(partner, !p.female, partnerBirth);
  const own = ownDocument(p, rng, day);
  const self = {
    hoTen: who.name,
    ngaySinh: formatDay(p.birthDay),
    danToc: who.ethnicity,
    noiCuTru: who.residence,
    loai: own.type,
    so: own.number,
    dinhDanh: p.personalId,
  };
  const other = {
    hoTen: fullName(partner, !p.female),
    ngaySinh: formatDay(partnerBirth),
    danToc: partner.chance(0.85) ? who.ethnicity : ethnicity(partner),
    noiCuTru: partner.chance(0.5) ? who.residence : address(partner, pickProvince(partner).code),
    loai: partnerDoc.type,
    so: partnerDoc.number,
    dinhDanh: partnerId,
  };
  const [chong, vo] = p.female ? [other, self] : [self, other];
  return {
    ...header(rng, 'KH', p.marriage),
    chongHoTen: chong.hoTen,
    chongNgaySinh: chong.ngaySinh,
    chongDanToc: chong.danToc,
    chongQuocTich: NATIONALITY,
    chongNoiCuTru: chong.noiCuTru,
    chongLoaiGiayTo: chong.loai,
    chongSoGiayTo: chong.so,
    chongSoDinhDanh: chong.dinhDanh,
    voHoTen: vo.hoTen,
    voNgaySinh: vo.ngaySinh,
    voDanToc: vo.danToc,
    voQuocTich: NATIONALITY,
    voNoiCuTru: vo.noiCuTru,
    voLoaiGiayTo: vo.loai,
    voSoGiayTo: vo.so,
    voSoDinhDanh: vo.dinhDanh,
  };
}

/** The marital-status confirmation (xác nhận tình trạng hôn nhân) of a person who has one. */
export function buildConfirmationRecord(seed: number, p: PersonSkeleton): NationalConfirmationRecord | undefined {
  if (!p.confirmation) return undefined;
  const who = identity(seed, p);
  const rng = createRng(mixSeed(seed, 4));
  const doc = ownDocument(p, rng, p.confirmation.day);
  return {
    ...header(rng, 'XNTTHN', p.confirmation),
    nxnHoTen: who.name,
    nxnGioiTinh: sexCode(p.female),
    nxnNgaySinh: formatDay(p.birthDay),
    nxnDanToc: who.ethnicity,
    nxnQuocTich: NATIONALITY,
    nxnNoiCuTru: who.residence,
    nxnLoaiGiayTo: doc.type,
    nxnSoGiayTo: doc.number,
    nxnSoDinhDanh: p.personalId,
    tinhTrangHonNhan: pickWeighted(rng, MARITAL_STATUSES).text,
    mucDichSuDung: rng.pick(CONFIRMATION_PURPOSES),
  };
}
