// The texts the budget-unit code system writes for a unit's status and budget level.

/** Status texts (trangThai) of the national system. */
export const BUDGET_UNIT_STATUS_TEXT = { active: 'Đang hoạt động', closed: 'Ngừng hoạt động', merged: 'Đã sáp nhập' } as const;

/** Budget-level texts (capNganSach) of the national system. */
export const BUDGET_LEVEL_TEXT = { central: 'Trung ương', province: 'Tỉnh', district: 'Huyện', commune: 'Xã' } as const;
