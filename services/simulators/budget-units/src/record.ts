// The JSON shapes the national budget-unit code system answers, in its own (Vietnamese) field names.
import type { UnitKindCode } from '@ndxp/contracts';

/** One unit (đơn vị có quan hệ với ngân sách) as GET /msns/v1/don-vi/{maSo} answers it. */
export interface NationalBudgetUnitRecord {
  maSo: string;
  tenDonVi: string;
  /** Number of the form the code was issued on: 01 budget-using unit, 02/03 investment project. */
  loaiHinh: UnitKindCode;
  /** Managing authority (cơ quan chủ quản). */
  coQuanChuQuan: string;
  /** Budget level: Trung ương, Tỉnh, Huyện or Xã. */
  capNganSach: string;
  /** The State Treasury office where the unit holds its account. */
  khoBacGiaoDich: string;
  /** Đang hoạt động, Ngừng hoạt động or Đã sáp nhập. */
  trangThai: string;
  /** Issue date, dd/mm/yyyy. */
  ngayCap: string;
  /** Only on a unit absorbed in a merger: the absorbing unit's code (which it keeps); otherwise null. */
  maSoDonViSapNhap: string | null;
  /** Province name. */
  tinh: string;
}

/** One page of GET /msns/v1/don-vi?ten=&coQuanChuQuan=&trang=&kichThuoc=. */
export interface NationalSearchPage {
  /** Number of matching units in all pages. */
  tongSo: number;
  /** 1-based page number. */
  trang: number;
  kichThuoc: number;
  duLieu: NationalBudgetUnitRecord[];
}
