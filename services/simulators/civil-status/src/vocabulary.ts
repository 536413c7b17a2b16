// Words the synthetic civil-status records are made of: names, ethnicities, places, causes, purposes.
import { PLACE_NAMES as COMMON_PLACE_NAMES, STREETS as COMMON_STREETS, SURNAMES as COMMON_SURNAMES } from '@ndxp/simulator-kit';

/** Family names: the common ones, then names frequent among ethnic minorities. */
export const SURNAMES = [...COMMON_SURNAMES, 'Lò', 'Hà', 'Nông', 'Triệu', 'Thạch', 'Lâm'] as const;

/** Middle names of men. */
export const MALE_MIDDLE_NAMES = [
  'Văn',
  'Văn',
  'Văn',
  'Hữu',
  'Đức',
  'Minh',
  'Quang',
  'Thanh',
  'Công',
  'Đình',
  'Bảo',
  'Gia',
  'Quốc',
  'Xuân',
] as const;

/** Middle names of women. */
export const FEMALE_MIDDLE_NAMES = [
  'Thị',
  'Thị',
  'Thị',
  'Ngọc',
  'Thu',
  'Thanh',
  'Minh',
  'Kim',
  'Mai',
  'Bảo',
  'Phương',
  'Khánh',
  'Hồng',
] as const;

/** Given names of men. */
export const MALE_GIVEN_NAMES = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Duy',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hòa',
  'Hùng',
  'Huy',
  'Khánh',
  'Khoa',
  'Long',
  'Minh',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Thành',
  'Trung',
  'Tuấn',
  'Tú',
  'Việt',
  'Vinh',
] as const;

/** Given names of women. */
export const FEMALE_GIVEN_NAMES = [
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Thảo',
  'Thủy',
  'Trang',
  'Tuyết',
  'Uyên',
  'Vân',
  'Vy',
  'Yến',
] as const;

/** Ethnic groups (dân tộc) with a weight close to their share of the population. */
export const ETHNICITIES: ReadonlyArray<{ name: string; weight: number }> = [
  { name: 'Kinh', weight: 853 },
  { name: 'Tày', weight: 19 },
  { name: 'Thái', weight: 19 },
  { name: 'Mường', weight: 15 },
  { name: "H'Mông", weight: 15 },
  { name: 'Khmer', weight: 14 },
  { name: 'Nùng', weight: 11 },
  { name: 'Dao', weight: 9 },
  { name: 'Hoa', weight: 8 },
  { name: 'Gia Rai', weight: 5 },
  { name: 'Ê Đê', weight: 4 },
  { name: 'Ba Na', weight: 3 },
  { name: 'Chăm', weight: 2 },
  { name: 'Sán Chay', weight: 2 },
  { name: 'Cơ Ho', weight: 2 },
  { name: 'Xơ Đăng', weight: 2 },
];

/** Place names for wards, communes and districts: the shared ones, then a few more. */
export const PLACE_NAMES = [...COMMON_PLACE_NAMES, 'Yên Thế', 'Đồng Xuân', 'Kim Liên', 'Cẩm Lệ', 'Long Thạnh', 'Tam Đảo'] as const;

/** Street names: the first eleven shared ones, then three more (order is data). */
export const STREETS = [...COMMON_STREETS.slice(0, 11), 'Trường Chinh', 'Võ Văn Kiệt', 'Bà Triệu'] as const;

/** Roles of the official who signs a record (chức vụ người ký). */
export const SIGNER_ROLES = ['Chủ tịch', 'Phó Chủ tịch', 'Phó Chủ tịch', 'Công chức tư pháp - hộ tịch'] as const;

/** Causes of death as a registrar writes them. */
export const CAUSES_OF_DEATH = [
  'Bệnh già',
  'Bệnh già',
  'Bệnh tim mạch',
  'Đột quỵ',
  'Ung thư',
  'Bệnh hiểm nghèo',
  'Tai nạn giao thông',
  'Tai nạn lao động',
  'Bệnh phổi',
  'Suy đa tạng',
] as const;

/** Marital statuses written on a confirmation (tình trạng hôn nhân), with weights. */
export const MARITAL_STATUSES: ReadonlyArray<{ text: string; weight: number }> = [
  { text: 'Chưa đăng ký kết hôn với ai', weight: 85 },
  { text: 'Đã ly hôn, hiện tại chưa đăng ký kết hôn với ai', weight: 10 },
  { text: 'Có vợ/chồng đã chết, hiện tại chưa đăng ký kết hôn với ai', weight: 5 },
];

/** Purposes a confirmation is asked for (mục đích sử dụng). */
export const CONFIRMATION_PURPOSES = [
  'Để đăng ký kết hôn',
  'Để đăng ký kết hôn',
  'Để bổ sung hồ sơ vay vốn ngân hàng',
  'Để làm thủ tục chuyển nhượng quyền sử dụng đất',
  'Để bổ sung hồ sơ xin việc',
  'Để làm thủ tục mua bán nhà ở',
  'Để kết hôn với người nước ngoài',
] as const;

/** ID documents (loại giấy tờ tùy thân) of parents and spouses. */
export const ID_DOCUMENT_TYPES = ['CCCD', 'CMND', 'Hộ chiếu'] as const;
