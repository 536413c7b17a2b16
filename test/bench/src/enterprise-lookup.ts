// The enterprise data every system looks up: the Business Registration simulator's deterministic
// dataset (the mesh's adapter serves the same one with BR_UPSTREAM=memory), mapped to the proto.
import { Enterprise, EnterpriseStatus } from '@ndxp/contracts';
import {
  createDataset,
  DEFAULT_SEED,
  DEFAULT_SIZE,
  type NationalEnterpriseRecord,
} from '@ndxp/simulator-business-registration';

/** Seed and size of the dataset, the simulator's defaults unless --dataset-size says otherwise. */
export const DATASET_SEED: string | number = DEFAULT_SEED;
export const DATASET_SIZE = DEFAULT_SIZE;

/** What the ceiling and peer adapters need from the data set. */
export interface EnterpriseLookup {
  get(taxCode: string): Enterprise | undefined;
  sampleTaxCodes(n: number): string[];
}

const STATUS: ReadonlyMap<string, EnterpriseStatus> = new Map([
  ['đang hoạt động', EnterpriseStatus.ENTERPRISE_STATUS_ACTIVE],
  ['tạm ngừng kinh doanh', EnterpriseStatus.ENTERPRISE_STATUS_SUSPENDED],
  ['đang làm thủ tục giải thể', EnterpriseStatus.ENTERPRISE_STATUS_DISSOLVING],
  ['đã giải thể', EnterpriseStatus.ENTERPRISE_STATUS_DISSOLVED],
  ['đã phá sản', EnterpriseStatus.ENTERPRISE_STATUS_BANKRUPT],
]);

// The same field mapping the mesh's adapter does (services/adapters/business-registration/src/mapper.ts),
// without its defensive checks; kept here until that package exports its mapper.
function toEnterprise(r: NationalEnterpriseRecord): Enterprise {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(r.ngayDangKy);
  const parent = r.maDonViChuQuan ?? '';
  return Enterprise.fromPartial({
    taxCode: r.maSoDoanhNghiep,
    nameVi: r.tenTiengViet,
    nameEn: r.tenTiengAnh,
    shortName: r.tenVietTat,
    enterpriseType: r.loaiHinh,
    status: STATUS.get(r.tinhTrang.toLowerCase()) ?? EnterpriseStatus.ENTERPRISE_STATUS_UNSPECIFIED,
    registrationDate: vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : '',
    headOffice: {
      street: r.diaChiTruSo.soNhaDuong,
      ward: r.diaChiTruSo.phuongXa,
      district: r.diaChiTruSo.quanHuyen,
      province: r.diaChiTruSo.tinhThanhPho,
      full: r.diaChiTruSo.diaChiDayDu,
    },
    legalRepresentative: { fullName: r.nguoiDaiDien.hoTen, title: r.nguoiDaiDien.chucDanh },
    charterCapitalVnd: r.vonDieuLe ?? 0,
    mainBusinessLine: { vsicCode: r.nganhNgheChinh.maVSIC, name: r.nganhNgheChinh.ten },
    isBranch: parent !== '',
    parentTaxCode: parent,
  });
}

/** Builds the lookup over the simulator's dataset of `size` enterprises from `seed`. */
export function createLookup(options: { seed: string | number; size: number }): EnterpriseLookup {
  const dataset = createDataset(options);
  return {
    get: (taxCode) => {
      const record = dataset.get(taxCode);
      return record ? toEnterprise(record) : undefined;
    },
    sampleTaxCodes: (n) => dataset.sampleTaxCodes(n),
  };
}
