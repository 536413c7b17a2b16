// Builds one synthetic unit (without code and status) from a seeded random source and the places.
import { BUDGET_LEVEL_TEXT, type UnitKindCode } from '@ndxp/contracts';
import type { District, ProvincePlaces } from './geography';
import type { Rng } from '@ndxp/simulator-kit';
import type { NationalBudgetUnitRecord } from './record';
import {
  CENTRAL_UNITS,
  DEPARTMENTS,
  DISTRICT_OFFICES,
  DISTRICT_PROJECT_WORKS,
  PROJECT_WORKS,
  PROVINCIAL_HOSPITALS,
  SCHOOL_NAMESAKES,
} from './vocabulary';

/** A generated unit before the dataset gives it a code and a status. */
export type UnitDraft = Omit<NationalBudgetUnitRecord, 'maSo' | 'trangThai' | 'maSoDonViSapNhap' | 'ngayCap'> & {
  /** Units of the same group (same kind of unit in the same district) may be merged into each other. */
  mergeGroup: string | undefined;
};

interface Where {
  p: ProvincePlaces;
  pi: number;
  d: District;
  di: number;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const ubnd = (label: string): string => `Ủy ban nhân dân ${label}`;
const districtTreasury = (w: Where): string => `Kho bạc Nhà nước ${cap(w.d.label)}`;
const provinceTreasury = (w: Where): string => `Kho bạc Nhà nước ${w.p.province.name}`;

type Template = { weight: number; make: (rng: Rng, w: Where) => UnitDraft };

function local(w: Where, fields: Pick<UnitDraft, 'tenDonVi' | 'coQuanChuQuan' | 'capNganSach'>, mergeGroup?: string): UnitDraft {
  const treasury = fields.capNganSach === BUDGET_LEVEL_TEXT.province ? provinceTreasury(w) : districtTreasury(w);
  return {
    tenDonVi: fields.tenDonVi,
    loaiHinh: '01',
    coQuanChuQuan: fields.coQuanChuQuan,
    capNganSach: fields.capNganSach,
    khoBacGiaoDich: treasury,
    tinh: w.p.province.name,
    mergeGroup,
  };
}

const group = (name: string, w: Where): string => `${name}|${w.pi}|${w.di}`;

/** The kinds of unit, with their share of the dataset. */
const TEMPLATES: Template[] = [
  {
    weight: 12,
    make: (rng, w) => {
      const c = rng.pick(w.d.communes);
      return local(
        w,
        { tenDonVi: ubnd(c.label), coQuanChuQuan: ubnd(w.d.label), capNganSach: BUDGET_LEVEL_TEXT.commune },
        group('ubnd-xa', w),
      );
    },
  },
  {
    weight: 10,
    make: (rng, w) => {
      const c = rng.pick(w.d.communes);
      const owner = `Trung tâm Y tế ${w.d.label}`;
      return local(
        w,
        { tenDonVi: `Trạm Y tế ${c.label}`, coQuanChuQuan: owner, capNganSach: BUDGET_LEVEL_TEXT.district },
        group('tram-y-te', w),
      );
    },
  },
  ...(
    [
      ['Trường Mầm non', 10],
      ['Trường Tiểu học', 14],
      ['Trường THCS', 10],
    ] as const
  ).map(([title, weight]): Template => ({
    weight,
    make: (rng, w) => {
      const named = rng.chance(0.3) ? rng.pick(SCHOOL_NAMESAKES) : rng.pick(w.d.communes).name;
      const suffix = rng.chance(0.1) ? ` số ${rng.int(1, 3)}` : '';
      const owner = `Phòng Giáo dục và Đào tạo ${w.d.label}`;
      const tenDonVi = `${title} ${named}${suffix}`;
      return local(w, { tenDonVi, coQuanChuQuan: owner, capNganSach: BUDGET_LEVEL_TEXT.district }, group(title, w));
    },
  })),
  {
    weight: 5,
    make: (rng, w) => {
      const named = rng.chance(0.6) ? rng.pick(SCHOOL_NAMESAKES) : w.d.name;
      const owner = `Sở Giáo dục và Đào tạo ${w.p.label}`;
      return local(w, { tenDonVi: `Trường THPT ${named}`, coQuanChuQuan: owner, capNganSach: BUDGET_LEVEL_TEXT.province });
    },
  },
  {
    weight: 5,
    make: (rng, w) => {
      const office = rng.pick(DISTRICT_OFFICES);
      return local(w, { tenDonVi: `${office} ${w.d.label}`, coQuanChuQuan: ubnd(w.d.label), capNganSach: BUDGET_LEVEL_TEXT.district });
    },
  },
  {
    weight: 2,
    make: (rng, w) =>
      rng.chance(0.5)
        ? local(w, { tenDonVi: ubnd(w.d.label), coQuanChuQuan: ubnd(w.p.label), capNganSach: BUDGET_LEVEL_TEXT.district })
        : local(w, {
            tenDonVi: `Trung tâm Y tế ${w.d.label}`,
            coQuanChuQuan: `Sở Y tế ${w.p.label}`,
            capNganSach: BUDGET_LEVEL_TEXT.province,
          }),
  },
  {
    weight: 4,
    make: (rng, w) => {
      const dept = rng.pick(DEPARTMENTS);
      const sub = rng.chance(0.6) ? rng.pick(dept.units) : undefined;
      return sub
        ? local(w, { tenDonVi: `${sub} ${w.p.label}`, coQuanChuQuan: `${dept.name} ${w.p.label}`, capNganSach: BUDGET_LEVEL_TEXT.province })
        : local(w, { tenDonVi: `${dept.name} ${w.p.label}`, coQuanChuQuan: ubnd(w.p.label), capNganSach: BUDGET_LEVEL_TEXT.province });
    },
  },
  {
    weight: 2,
    make: (rng, w) => {
      const name = rng.chance(0.7) ? `${rng.pick(PROVINCIAL_HOSPITALS)} ${w.p.province.name}` : `Bệnh viện Đa khoa khu vực ${w.d.name}`;
      return local(w, { tenDonVi: name, coQuanChuQuan: `Sở Y tế ${w.p.label}`, capNganSach: BUDGET_LEVEL_TEXT.province });
    },
  },
  {
    weight: 4,
    make: (rng, w) => {
      const central = rng.pick(CENTRAL_UNITS);
      const inProvince = central.perProvince && rng.chance(0.7) ? rng.pick(central.perProvince) : undefined;
      const tenDonVi = inProvince ? `${inProvince} ${w.p.label}` : rng.pick(central.units);
      const hanoi = !inProvince;
      return {
        tenDonVi,
        loaiHinh: '01',
        coQuanChuQuan: central.ministry,
        capNganSach: BUDGET_LEVEL_TEXT.central,
        khoBacGiaoDich: hanoi ? 'Sở Giao dịch Kho bạc Nhà nước' : provinceTreasury(w),
        tinh: hanoi ? 'Hà Nội' : w.p.province.name,
        mergeGroup: undefined,
      };
    },
  },
  {
    weight: 12,
    make: (rng, w) => {
      const kind: UnitKindCode = rng.chance(0.4) ? '02' : '03';
      const districtScale = rng.chance(0.3);
      const tenDonVi = districtScale
        ? `${rng.pick(DISTRICT_PROJECT_WORKS)} ${w.d.name}`
        : `${rng.pick(PROJECT_WORKS)} ${rng.pick(w.d.communes).name}`;
      const fromProvince = districtScale && rng.chance(0.5);
      return {
        tenDonVi: `${tenDonVi}, ${w.p.label}`,
        loaiHinh: kind,
        coQuanChuQuan: ubnd(fromProvince ? w.p.label : w.d.label),
        capNganSach: fromProvince ? BUDGET_LEVEL_TEXT.province : BUDGET_LEVEL_TEXT.district,
        khoBacGiaoDich: fromProvince ? provinceTreasury(w) : districtTreasury(w),
        tinh: w.p.province.name,
        mergeGroup: undefined,
      };
    },
  },
];

const TOTAL_WEIGHT = TEMPLATES.reduce((s, t) => s + t.weight, 0);

/** One unit in a random district of a random province (all 63 equally likely). */
export function generateUnit(rng: Rng, places: readonly ProvincePlaces[]): UnitDraft {
  const pi = rng.int(0, places.length - 1);
  const p = places[pi]!;
  const di = rng.int(0, p.districts.length - 1);
  let r = rng.next() * TOTAL_WEIGHT;
  let template = TEMPLATES[TEMPLATES.length - 1]!;
  for (const t of TEMPLATES) {
    r -= t.weight;
    if (r < 0) {
      template = t;
      break;
    }
  }
  return template.make(rng, { p, pi, d: p.districts[di]!, di });
}
