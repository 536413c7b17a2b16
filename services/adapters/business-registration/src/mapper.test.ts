import { Enterprise, EnterpriseStatus, MeshError } from '@ndxp/contracts';
import { createDataset, type NationalEnterpriseRecord } from '@ndxp/simulator-business-registration';
import { mapEnterprise, mapStatus } from './mapper';

const record: NationalEnterpriseRecord = {
  maSoDoanhNghiep: '0100109106',
  tenTiengViet: 'Công ty Cổ phần Công nghệ An Phát',
  tenTiengAnh: 'An Phat Technology Joint Stock Company',
  tenVietTat: 'ANPHAT JSC',
  loaiHinh: 'Công ty cổ phần',
  tinhTrang: 'Đang hoạt động',
  ngayDangKy: '07/03/2005',
  diaChiTruSo: {
    soNhaDuong: 'Số 1 đường Trần Hữu Dực',
    phuongXa: 'Phường Mỹ Đình',
    quanHuyen: 'Quận Nam Từ Liêm',
    tinhThanhPho: 'Thành phố Hà Nội',
    maTinh: '01',
    diaChiDayDu: 'Số 1 đường Trần Hữu Dực, Phường Mỹ Đình, Quận Nam Từ Liêm, Thành phố Hà Nội',
  },
  nguoiDaiDien: { hoTen: 'Nguyễn Văn An', chucDanh: 'Tổng Giám đốc' },
  vonDieuLe: 5_000_000_000,
  nganhNgheChinh: { maVSIC: '6201', ten: 'Lập trình máy vi tính' },
};

describe('mapEnterprise', () => {
  it('maps every field of an enterprise', () => {
    expect(mapEnterprise(record)).toEqual(
      Enterprise.fromPartial({
        taxCode: '0100109106',
        nameVi: 'Công ty Cổ phần Công nghệ An Phát',
        nameEn: 'An Phat Technology Joint Stock Company',
        shortName: 'ANPHAT JSC',
        enterpriseType: 'Công ty cổ phần',
        status: EnterpriseStatus.ENTERPRISE_STATUS_ACTIVE,
        registrationDate: '2005-03-07',
        headOffice: {
          street: 'Số 1 đường Trần Hữu Dực',
          ward: 'Phường Mỹ Đình',
          district: 'Quận Nam Từ Liêm',
          province: 'Thành phố Hà Nội',
          full: 'Số 1 đường Trần Hữu Dực, Phường Mỹ Đình, Quận Nam Từ Liêm, Thành phố Hà Nội',
        },
        legalRepresentative: { fullName: 'Nguyễn Văn An', title: 'Tổng Giám đốc' },
        charterCapitalVnd: 5_000_000_000,
        mainBusinessLine: { vsicCode: '6201', name: 'Lập trình máy vi tính' },
        isBranch: false,
        parentTaxCode: '',
      }),
    );
  });

  it('maps a branch: is_branch, parent code, no charter capital', () => {
    const e = mapEnterprise({
      ...record,
      maSoDoanhNghiep: '0100109106-003',
      loaiHinh: 'Chi nhánh',
      vonDieuLe: null,
      maDonViChuQuan: '0100109106',
    });
    expect(e).toMatchObject({ taxCode: '0100109106-003', isBranch: true, parentTaxCode: '0100109106', charterCapitalVnd: 0 });
  });

  it('derives the parent from the code of a branch record that names none', () => {
    const { maDonViChuQuan: _, ...rest } = { ...record, maSoDoanhNghiep: '0100109106-001', maDonViChuQuan: 'x' };
    expect(mapEnterprise(rest)).toMatchObject({ isBranch: true, parentTaxCode: '0100109106' });
  });

  it('survives an encode/decode round trip of the proto', () => {
    const e = mapEnterprise(record);
    expect(Enterprise.decode(Enterprise.encode(e).finish())).toEqual(e);
  });

  it('maps missing optional parts to empty values', () => {
    const e = mapEnterprise({ maSoDoanhNghiep: '0100109106' });
    expect(e.headOffice).toEqual({ street: '', ward: '', district: '', province: '', full: '' });
    expect(e.legalRepresentative).toEqual({ fullName: '', title: '' });
    expect(e).toMatchObject({ status: EnterpriseStatus.ENTERPRISE_STATUS_UNSPECIFIED, registrationDate: '', charterCapitalVnd: 0 });
  });

  it('reads a charter capital sent as a digit string and ignores nonsense', () => {
    expect(mapEnterprise({ ...record, vonDieuLe: '1200000000' }).charterCapitalVnd).toBe(1_200_000_000);
    expect(mapEnterprise({ ...record, vonDieuLe: -5 }).charterCapitalVnd).toBe(0);
    expect(mapEnterprise({ ...record, vonDieuLe: '12 tỷ' }).charterCapitalVnd).toBe(0);
  });

  it.each([null, [], 'x', {}, { maSoDoanhNghiep: '' }, { maSoDoanhNghiep: 5 }])(
    'refuses %j, a record without a code, as server.upstream_failure',
    (bad) => {
      expect(() => mapEnterprise(bad)).toThrow(MeshError);
      expect(() => mapEnterprise(bad)).toThrow(expect.objectContaining({ code: 'server.upstream_failure' }) as Error);
    },
  );

  it('maps every record of a generated dataset with its own code and a parent exactly for branches', () => {
    const dataset = createDataset({ seed: 'mapper', size: 500 });
    for (const code of dataset.sampleTaxCodes(dataset.count)) {
      const e = mapEnterprise(dataset.get(code));
      expect(e.taxCode).toBe(code);
      expect(e.isBranch).toBe(code.includes('-'));
      expect(e.registrationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('mapStatus', () => {
  it.each([
    ['Đang hoạt động', 'ACTIVE'],
    ['Tạm ngừng kinh doanh có thời hạn', 'SUSPENDED'],
    ['Đang làm thủ tục giải thể', 'DISSOLVING'],
    ['Đã giải thể', 'DISSOLVED'],
    ['Đã phá sản', 'BANKRUPT'],
    // case, extra spaces and decomposed Unicode are ignored
    ['  ĐANG   HOẠT ĐỘNG ', 'ACTIVE'],
    ['Đã giải thể'.normalize('NFD'), 'DISSOLVED'],
    // unknown and empty values
    ['Ngừng hoạt động nhưng chưa hoàn thành thủ tục đóng mã số thuế', 'UNSPECIFIED'],
    ['ACTIVE', 'UNSPECIFIED'],
    ['', 'UNSPECIFIED'],
  ] as const)('maps %j to ENTERPRISE_STATUS_%s', (text, status) => {
    expect(mapStatus(text)).toBe(EnterpriseStatus[`ENTERPRISE_STATUS_${status}`]);
  });
});
