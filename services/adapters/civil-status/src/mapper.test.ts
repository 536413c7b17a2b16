import { CivilStatusRecord, EventType, RegistrationKind, Sex } from '@ndxp/contracts';
import { createDataset } from '@ndxp/simulator-civil-status';
import { mapDate, mapEventType, mapRecord, mapRegistrationKind, mapSex } from './mapper';

const header = {
  so: '125',
  quyenSo: '01/2019',
  trangSo: '42',
  ngayDangKy: '07/03/2019',
  loaiDangKy: '1',
  noiDangKy: 'Ủy ban nhân dân Phường Tân Phú, Quận Cầu Giấy, Thành phố Hà Nội',
  nguoiKy: 'Trần Văn Bình',
  chucVuNguoiKy: 'Phó Chủ tịch',
};
const mappedHeader = {
  number: '125',
  book: '01/2019',
  page: '42',
  registrationDate: '2019-03-07',
  registrationKind: RegistrationKind.REGISTRATION_KIND_ON_TIME,
  office: header.noiDangKy,
  signer: 'Trần Văn Bình',
  signerRole: 'Phó Chủ tịch',
};
const person = (p: Partial<Record<string, unknown>>) => ({
  fullName: '',
  sex: Sex.SEX_UNSPECIFIED,
  dateOfBirth: '',
  placeOfBirth: '',
  homeTown: '',
  ethnicity: '',
  nationality: '',
  personalId: '',
  residence: '',
  idDocumentType: '',
  idDocumentNumber: '',
  ...p,
});

describe('mapRecord', () => {
  it('maps a birth record: child, mother and father', () => {
    const record = mapRecord({
      ...header,
      loaiSuKien: 'KS',
      nksHoTen: 'Nguyễn Thị Lan',
      nksGioiTinh: '2',
      nksNgaySinh: '01/02/2019',
      nksNoiSinh: 'Bệnh viện Phụ sản Hà Nội',
      nksQueQuan: 'Xã An Khánh, Huyện Hoài Đức, Thành phố Hà Nội',
      nksDanToc: 'Kinh',
      nksQuocTich: 'Việt Nam',
      nksSoDinhDanh: '001319012345',
      meHoTen: 'Lê Thị Hoa',
      meNgaySinh: '15/06/1990',
      meDanToc: 'Kinh',
      meQuocTich: 'Việt Nam',
      meNoiCuTru: 'Số 1 đường Lê Lợi, Hà Nội',
      meLoaiGiayTo: 'CCCD',
      meSoGiayTo: '001190000001',
      chaHoTen: 'Nguyễn Văn An',
      chaNgaySinh: '20/11/1988',
      chaDanToc: 'Tày',
      chaQuocTich: 'Việt Nam',
      chaNoiCuTru: 'Số 1 đường Lê Lợi, Hà Nội',
      chaLoaiGiayTo: 'CMND',
      chaSoGiayTo: '012345678',
    });
    expect(record).toEqual(
      CivilStatusRecord.fromPartial({
        eventType: EventType.EVENT_TYPE_BIRTH,
        header: mappedHeader,
        subject: person({
          fullName: 'Nguyễn Thị Lan',
          sex: Sex.SEX_FEMALE,
          dateOfBirth: '2019-02-01',
          placeOfBirth: 'Bệnh viện Phụ sản Hà Nội',
          homeTown: 'Xã An Khánh, Huyện Hoài Đức, Thành phố Hà Nội',
          ethnicity: 'Kinh',
          nationality: 'Việt Nam',
          personalId: '001319012345',
        }),
        mother: person({
          fullName: 'Lê Thị Hoa',
          sex: Sex.SEX_FEMALE,
          dateOfBirth: '1990-06-15',
          ethnicity: 'Kinh',
          nationality: 'Việt Nam',
          residence: 'Số 1 đường Lê Lợi, Hà Nội',
          idDocumentType: 'CCCD',
          idDocumentNumber: '001190000001',
        }),
        father: person({
          fullName: 'Nguyễn Văn An',
          sex: Sex.SEX_MALE,
          dateOfBirth: '1988-11-20',
          ethnicity: 'Tày',
          nationality: 'Việt Nam',
          residence: 'Số 1 đường Lê Lợi, Hà Nội',
          idDocumentType: 'CMND',
          idDocumentNumber: '012345678',
        }),
      }),
    );
  });

  it('maps a death record: the deceased, date, place and cause', () => {
    const record = mapRecord({
      ...header,
      loaiSuKien: 'KT',
      loaiDangKy: '4',
      nktHoTen: 'Phạm Văn Hùng',
      nktGioiTinh: '1',
      nktNgaySinh: '3/4/1940',
      nktDanToc: 'Mường',
      nktQuocTich: 'Việt Nam',
      nktNoiCuTru: 'Thôn 3, Xã Tân Thành, Tỉnh Hòa Bình',
      nktLoaiGiayTo: 'CCCD',
      nktSoGiayTo: '017040123456',
      nktSoDinhDanh: '017040123456',
      ngayChet: '28/02/2019',
      noiChet: 'Tại nơi cư trú',
      nguyenNhan: 'Bệnh già',
    });
    expect(record).toEqual(
      CivilStatusRecord.fromPartial({
        eventType: EventType.EVENT_TYPE_DEATH,
        header: { ...mappedHeader, registrationKind: RegistrationKind.REGISTRATION_KIND_LATE },
        subject: person({
          fullName: 'Phạm Văn Hùng',
          sex: Sex.SEX_MALE,
          dateOfBirth: '1940-04-03',
          ethnicity: 'Mường',
          nationality: 'Việt Nam',
          residence: 'Thôn 3, Xã Tân Thành, Tỉnh Hòa Bình',
          idDocumentType: 'CCCD',
          idDocumentNumber: '017040123456',
          personalId: '017040123456',
        }),
        dateOfDeath: '2019-02-28',
        placeOfDeath: 'Tại nơi cư trú',
        causeOfDeath: 'Bệnh già',
      }),
    );
  });

  it('maps a marriage record: the husband as subject and the wife as spouse', () => {
    const record = mapRecord({
      ...header,
      loaiSuKien: 'KH',
      loaiDangKy: '3',
      chongHoTen: 'Võ Minh Tuấn',
      chongNgaySinh: '01/01/1990',
      chongDanToc: 'Kinh',
      chongQuocTich: 'Việt Nam',
      chongNoiCuTru: 'Đà Nẵng',
      chongLoaiGiayTo: 'CCCD',
      chongSoGiayTo: '048090000001',
      chongSoDinhDanh: '048090000001',
      voHoTen: 'Hồ Thị Mai',
      voNgaySinh: '02/02/1992',
      voDanToc: 'Chăm',
      voQuocTich: 'Việt Nam',
      voNoiCuTru: 'Đà Nẵng',
      voLoaiGiayTo: 'Hộ chiếu',
      voSoGiayTo: 'C1234567',
      voSoDinhDanh: '048192000002',
    });
    expect(record.eventType).toBe(EventType.EVENT_TYPE_MARRIAGE);
    expect(record.header?.registrationKind).toBe(RegistrationKind.REGISTRATION_KIND_RECORDED_FROM_ABROAD);
    expect(record.subject).toEqual(
      person({
        fullName: 'Võ Minh Tuấn',
        sex: Sex.SEX_MALE,
        dateOfBirth: '1990-01-01',
        ethnicity: 'Kinh',
        nationality: 'Việt Nam',
        residence: 'Đà Nẵng',
        idDocumentType: 'CCCD',
        idDocumentNumber: '048090000001',
        personalId: '048090000001',
      }),
    );
    expect(record.spouse).toMatchObject({
      fullName: 'Hồ Thị Mai',
      sex: Sex.SEX_FEMALE,
      dateOfBirth: '1992-02-02',
      ethnicity: 'Chăm',
      idDocumentType: 'Hộ chiếu',
      idDocumentNumber: 'C1234567',
      personalId: '048192000002',
    });
    expect([record.mother, record.father, record.dateOfDeath, record.maritalStatus]).toEqual([undefined, undefined, '', '']);
  });

  it('maps a marital-status confirmation: the person, the status and the purpose', () => {
    const record = mapRecord({
      ...header,
      loaiSuKien: 'XNTTHN',
      loaiDangKy: '2',
      nxnHoTen: 'Đặng Thu Hà',
      nxnGioiTinh: '2',
      nxnNgaySinh: '09/09/1995',
      nxnSoDinhDanh: '079195000003',
      tinhTrangHonNhan: 'Chưa đăng ký kết hôn với ai',
      mucDichSuDung: 'Để đăng ký kết hôn',
    });
    expect(record).toMatchObject({
      eventType: EventType.EVENT_TYPE_MARITAL_STATUS_CONFIRMATION,
      header: { registrationKind: RegistrationKind.REGISTRATION_KIND_RE_REGISTRATION },
      subject: { fullName: 'Đặng Thu Hà', sex: Sex.SEX_FEMALE, dateOfBirth: '1995-09-09', personalId: '079195000003' },
      maritalStatus: 'Chưa đăng ký kết hôn với ai',
      purposeOfConfirmation: 'Để đăng ký kết hôn',
    });
    expect(record.spouse).toBeUndefined();
  });

  it('maps an unknown event code to UNSPECIFIED with the header only, and missing fields to empty values', () => {
    const record = mapRecord({ loaiSuKien: 'GH', so: '1' });
    expect(record.eventType).toBe(EventType.EVENT_TYPE_UNSPECIFIED);
    expect(record.header).toEqual({
      ...mappedHeader,
      number: '1',
      book: '',
      page: '',
      registrationDate: '',
      registrationKind: 0,
      office: '',
      signer: '',
      signerRole: '',
    });
    expect(record.subject).toBeUndefined();
    expect(mapRecord({ loaiSuKien: 'KS' }).subject).toEqual(person({}));
  });

  it('maps every generated record of every event type, and survives a proto round trip', () => {
    const dataset = createDataset({ seed: 'mapper', size: 2000 });
    for (const event of ['KS', 'KT', 'KH', 'XNTTHN'] as const) {
      for (const id of dataset.samplePersonalIds(100, event)) {
        const fields = dataset.find(event, { personalId: id })! as unknown as Record<string, string>;
        const record = mapRecord(fields);
        expect(record.eventType).toBe(mapEventType(event));
        expect(record.header?.registrationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(record.header?.registrationKind).not.toBe(RegistrationKind.REGISTRATION_KIND_UNSPECIFIED);
        expect(record.subject?.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect([record.subject?.personalId, record.spouse?.personalId]).toContain(id);
        expect(CivilStatusRecord.decode(CivilStatusRecord.encode(record).finish())).toEqual(record);
      }
    }
  });
});

describe('code mappers', () => {
  it('maps sex codes, unknown ones to UNSPECIFIED', () => {
    expect(['1', '2', '3', ' 1 ', '0', 'Nam', ''].map(mapSex)).toEqual([
      Sex.SEX_MALE,
      Sex.SEX_FEMALE,
      Sex.SEX_UNDETERMINED,
      Sex.SEX_MALE,
      Sex.SEX_UNSPECIFIED,
      Sex.SEX_UNSPECIFIED,
      Sex.SEX_UNSPECIFIED,
    ]);
  });

  it('maps registration kinds, unknown ones to UNSPECIFIED', () => {
    expect(['1', '2', '3', '4', '5', ''].map(mapRegistrationKind)).toEqual([1, 2, 3, 4, 0, 0]);
  });

  it('maps event codes in any case, unknown ones to UNSPECIFIED', () => {
    expect(['KS', 'kt', 'KH', 'XNTTHN', 'GH', ''].map(mapEventType)).toEqual([1, 2, 3, 4, 0, 0]);
  });

  it('turns dd/mm/yyyy into YYYY-MM-DD, passes ISO through, and drops anything else or impossible days', () => {
    expect(mapDate('07/03/2005')).toBe('2005-03-07');
    expect(mapDate('7/3/2005')).toBe('2005-03-07');
    expect(mapDate('29/02/2020')).toBe('2020-02-29');
    expect(mapDate('2005-03-07T00:00:00Z')).toBe('2005-03-07');
    expect(['29/02/2019', '32/01/2000', '01/13/2000', '2005-02-30', 'March 2005', '07-03-2005', ''].map(mapDate)).toEqual(
      Array(7).fill(''),
    );
  });
});
