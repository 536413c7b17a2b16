// Words the synthetic enterprises are made of: people's names, company names, places, lines of business.

/** Family names, roughly by frequency (the first ones repeat to weight them). */
export const SURNAMES = [
  'Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan',
  'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Đoàn', 'Lương', 'Tạ',
] as const;

/** Middle names. */
export const MIDDLE_NAMES = [
  'Văn', 'Văn', 'Thị', 'Thị', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh', 'Ngọc', 'Xuân', 'Thu', 'Hoàng',
  'Anh', 'Kim', 'Công', 'Đình', 'Bảo', 'Thành', 'Hải',
] as const;

/** Given names. */
export const GIVEN_NAMES = [
  'An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Duy', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hòa', 'Hùng',
  'Hương', 'Huy', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Ngọc', 'Nhung', 'Phong',
  'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Trung', 'Tuấn', 'Tú', 'Vân', 'Việt',
  'Vy', 'Yến',
] as const;

/** Distinctive parts of company names, with an unaccented English form. */
export const BRAND_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['An Phát', 'An Phat'], ['Bình Minh', 'Binh Minh'], ['Đại Dương', 'Dai Duong'], ['Hòa Phát', 'Hoa Phat'],
  ['Hưng Thịnh', 'Hung Thinh'], ['Kim Long', 'Kim Long'], ['Minh Khang', 'Minh Khang'], ['Nam Việt', 'Nam Viet'],
  ['Phú Gia', 'Phu Gia'], ['Phúc Lộc', 'Phuc Loc'], ['Sao Mai', 'Sao Mai'], ['Sông Hồng', 'Song Hong'],
  ['Tân Tiến', 'Tan Tien'], ['Thành Công', 'Thanh Cong'], ['Thiên Long', 'Thien Long'], ['Trường Sơn', 'Truong Son'],
  ['Việt Á', 'Viet A'], ['Vạn Xuân', 'Van Xuan'], ['Hoàng Gia', 'Hoang Gia'], ['Ánh Dương', 'Anh Duong'],
  ['Đông Á', 'Dong A'], ['Tây Bắc', 'Tay Bac'], ['Hải Âu', 'Hai Au'], ['Lạc Hồng', 'Lac Hong'],
  ['Thăng Long', 'Thang Long'], ['Cửu Long', 'Cuu Long'], ['Bảo Tín', 'Bao Tin'], ['Toàn Cầu', 'Toan Cau'],
  ['Ngọc Lan', 'Ngoc Lan'], ['Phương Nam', 'Phuong Nam'], ['Hồng Hà', 'Hong Ha'], ['Mê Kông', 'Mekong'],
];

/** Lines of business: VSIC 2018 code, its name, the word used in company names and its English form. */
export const BUSINESS_LINES: ReadonlyArray<{ vsic: string; name: string; trade: string; tradeEn: string }> = [
  { vsic: '4100', name: 'Xây dựng nhà các loại', trade: 'Xây dựng', tradeEn: 'Construction' },
  { vsic: '4290', name: 'Xây dựng công trình kỹ thuật dân dụng khác', trade: 'Xây dựng Công trình', tradeEn: 'Civil Engineering' },
  { vsic: '4659', name: 'Bán buôn máy móc, thiết bị và phụ tùng máy khác', trade: 'Thiết bị', tradeEn: 'Equipment' },
  { vsic: '4669', name: 'Bán buôn chuyên doanh khác chưa được phân vào đâu', trade: 'Thương mại', tradeEn: 'Trading' },
  { vsic: '4711', name: 'Bán lẻ lương thực, thực phẩm, đồ uống trong cửa hàng kinh doanh tổng hợp', trade: 'Bán lẻ', tradeEn: 'Retail' },
  { vsic: '4933', name: 'Vận tải hàng hóa bằng đường bộ', trade: 'Vận tải', tradeEn: 'Transport' },
  { vsic: '5210', name: 'Kho bãi và lưu giữ hàng hóa', trade: 'Logistics', tradeEn: 'Logistics' },
  { vsic: '5510', name: 'Dịch vụ lưu trú ngắn ngày', trade: 'Du lịch Khách sạn', tradeEn: 'Hospitality' },
  { vsic: '5610', name: 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động', trade: 'Ẩm thực', tradeEn: 'Food Services' },
  { vsic: '6201', name: 'Lập trình máy vi tính', trade: 'Công nghệ', tradeEn: 'Technology' },
  { vsic: '6202', name: 'Tư vấn máy vi tính và quản trị hệ thống máy vi tính', trade: 'Giải pháp Phần mềm', tradeEn: 'Software Solutions' },
  { vsic: '6619', name: 'Hoạt động hỗ trợ dịch vụ tài chính chưa được phân vào đâu', trade: 'Tư vấn Tài chính', tradeEn: 'Financial Advisory' },
  { vsic: '6810', name: 'Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi thuê', trade: 'Bất động sản', tradeEn: 'Real Estate' },
  { vsic: '7110', name: 'Hoạt động kiến trúc và tư vấn kỹ thuật có liên quan', trade: 'Tư vấn Thiết kế', tradeEn: 'Design Consulting' },
  { vsic: '7310', name: 'Quảng cáo', trade: 'Truyền thông', tradeEn: 'Media' },
  { vsic: '8559', name: 'Giáo dục khác chưa được phân vào đâu', trade: 'Giáo dục', tradeEn: 'Education' },
  { vsic: '1079', name: 'Sản xuất thực phẩm khác chưa được phân vào đâu', trade: 'Thực phẩm', tradeEn: 'Foods' },
  { vsic: '1410', name: 'May trang phục (trừ trang phục từ da lông thú)', trade: 'May mặc', tradeEn: 'Garment' },
  { vsic: '0118', name: 'Trồng rau, đậu các loại và trồng hoa', trade: 'Nông nghiệp', tradeEn: 'Agriculture' },
  { vsic: '0322', name: 'Nuôi trồng thủy sản nội địa', trade: 'Thủy sản', tradeEn: 'Seafood' },
  { vsic: '2599', name: 'Sản xuất sản phẩm khác bằng kim loại chưa được phân vào đâu', trade: 'Cơ khí', tradeEn: 'Mechanical' },
  { vsic: '3511', name: 'Sản xuất điện', trade: 'Năng lượng', tradeEn: 'Energy' },
  { vsic: '4520', name: 'Bảo dưỡng, sửa chữa ô tô và xe có động cơ khác', trade: 'Ô tô', tradeEn: 'Automotive' },
  { vsic: '8620', name: 'Hoạt động của các phòng khám đa khoa, chuyên khoa và nha khoa', trade: 'Y tế', tradeEn: 'Healthcare' },
];

/** Enterprise types (loại hình doanh nghiệp): the national system's wording, the name prefix, its English form. */
export const ENTERPRISE_TYPES: ReadonlyArray<{ type: string; prefix: string; prefixEn: string; short: string; weight: number }> = [
  { type: 'Công ty trách nhiệm hữu hạn một thành viên', prefix: 'Công ty TNHH', prefixEn: 'Company Limited', short: 'CO., LTD', weight: 40 },
  { type: 'Công ty trách nhiệm hữu hạn hai thành viên trở lên', prefix: 'Công ty TNHH', prefixEn: 'Company Limited', short: 'CO., LTD', weight: 25 },
  { type: 'Công ty cổ phần', prefix: 'Công ty Cổ phần', prefixEn: 'Joint Stock Company', short: 'JSC', weight: 28 },
  { type: 'Doanh nghiệp tư nhân', prefix: 'Doanh nghiệp Tư nhân', prefixEn: 'Private Enterprise', short: 'DNTN', weight: 6 },
  { type: 'Công ty hợp danh', prefix: 'Công ty Hợp danh', prefixEn: 'Partnership', short: 'PARTNERSHIP', weight: 1 },
];

/** Statuses (tình trạng) as the national system writes them, with their share of the records. */
export const STATUSES: ReadonlyArray<{ text: string; weight: number }> = [
  { text: 'Đang hoạt động', weight: 80 },
  { text: 'Tạm ngừng kinh doanh có thời hạn', weight: 7 },
  { text: 'Đang làm thủ tục giải thể', weight: 3 },
  { text: 'Đã giải thể', weight: 7 },
  { text: 'Đã phá sản', weight: 1 },
  // A real status with no counterpart in the mesh's contract: adapters must handle unknown values.
  { text: 'Ngừng hoạt động nhưng chưa hoàn thành thủ tục đóng mã số thuế', weight: 2 },
];

/** Titles of legal representatives. */
export const TITLES = ['Giám đốc', 'Giám đốc', 'Tổng Giám đốc', 'Chủ tịch Hội đồng quản trị', 'Chủ tịch công ty', 'Chủ doanh nghiệp'] as const;

/** Street names. */
export const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Điện Biên Phủ', 'Nguyễn Trãi',
  'Lê Duẩn', 'Hùng Vương', 'Quang Trung', 'Phan Chu Trinh', 'Nguyễn Văn Cừ', 'Trường Chinh', 'Võ Văn Kiệt',
  'Cách Mạng Tháng Tám', 'Nguyễn Thị Minh Khai', 'Bà Triệu', 'Lạc Long Quân', 'Phạm Văn Đồng', 'Tôn Đức Thắng',
] as const;

/** Place names for wards, communes and districts. */
export const PLACE_NAMES = [
  'Tân Phú', 'An Khánh', 'Hòa Bình', 'Phú Lợi', 'Tân Thành', 'Long Biên', 'Thanh Xuân', 'Cầu Giấy', 'Bình Thạnh',
  'Phước Long', 'Thủy Nguyên', 'Hải Châu', 'Ninh Kiều', 'Vĩnh Yên', 'Đông Hòa', 'Xuân Phương', 'Trung Hòa',
  'Mỹ Đình', 'Tân Định', 'Phú Mỹ', 'Quang Minh', 'Bình An', 'Hiệp Phước', 'Tây Hồ',
] as const;
