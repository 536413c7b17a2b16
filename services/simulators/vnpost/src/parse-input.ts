// Checks a create-order body the way the national system does: a refusal names the field (truong).
import type { OrderInput, PartyRecord } from './order';
import {
  isProvinceCode,
  POSTAL_DEFAULT_WEIGHT_GRAMS,
  POSTAL_MAX_COD_VND,
  POSTAL_MAX_WEIGHT_GRAMS,
  VIETNAMESE_PHONE,
} from '@ndxp/contracts';
import type { QuoteInput } from './tariff';

/** A refused field, in the national system's field names (e.g. nguoiGui.dienThoai). */
export interface FieldProblem {
  truong: string;
  thongBao: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (o: Json, k: string): string => (typeof o[k] === 'string' ? o[k].trim() : '');

class Refusal extends Error {
  constructor(readonly problem: FieldProblem) {
    super(problem.thongBao);
  }
}

const refuse = (truong: string, thongBao: string): never => {
  throw new Refusal({ truong, thongBao });
};

function required(o: Json, k: string, path: string): string {
  return text(o, k) || refuse(path, `${path} là bắt buộc`);
}

function party(body: Json, k: 'nguoiGui' | 'nguoiNhan'): PartyRecord {
  const o = body[k];
  if (!isObject(o)) return refuse(k, `${k} là bắt buộc`);
  const dienThoai = required(o, 'dienThoai', `${k}.dienThoai`).replace(/[\s.-]/g, '');
  if (!VIETNAMESE_PHONE.test(dienThoai)) refuse(`${k}.dienThoai`, `${k}.dienThoai không đúng định dạng`);
  const tinh = required(o, 'tinh', `${k}.tinh`);
  if (!isProvinceCode(tinh)) refuse(`${k}.tinh`, `${k}.tinh không phải mã tỉnh hợp lệ`);
  return {
    hoTen: required(o, 'hoTen', `${k}.hoTen`),
    dienThoai,
    email: text(o, 'email'),
    tinh,
    huyen: text(o, 'huyen'),
    diaChi: required(o, 'diaChi', `${k}.diaChi`),
  };
}

function wholeNumber(body: Json, k: string, min: number, max: number, fallback: number): number {
  const v = body[k];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) refuse(k, `${k} phải là số nguyên từ ${min} đến ${max}`);
  return v as number;
}

/** Parses a create-order body; returns the input or the first refused field. */
export function parseOrderInput(body: unknown): OrderInput | FieldProblem {
  try {
    if (!isObject(body)) return refuse('', 'nội dung phải là một đối tượng JSON');
    const loai = wholeNumber(body, 'loaiDichVu', 1, 3, 1) as 1 | 2 | 3;
    const khoiLuong = wholeNumber(body, 'khoiLuong', 0, POSTAL_MAX_WEIGHT_GRAMS, 0) || POSTAL_DEFAULT_WEIGHT_GRAMS;
    return {
      maKhachHang: text(body, 'maKhachHang'),
      soDonHang: required(body, 'soDonHang', 'soDonHang'),
      loaiDichVu: loai,
      nguoiGui: party(body, 'nguoiGui'),
      nguoiNhan: party(body, 'nguoiNhan'),
      moTa: text(body, 'moTa'),
      tienThuHo: wholeNumber(body, 'tienThuHo', 0, POSTAL_MAX_COD_VND, 0),
      maCoQuan: text(body, 'maCoQuan'),
      tenCoQuan: text(body, 'tenCoQuan'),
      maHoSo: required(body, 'maHoSo', 'maHoSo'),
      khoiLuong,
      thamChieu: text(body, 'thamChieu'),
    };
  } catch (err) {
    if (err instanceof Refusal) return err.problem;
    throw err;
  }
}

/** True when parseOrderInput refused the body. */
export function isFieldProblem<T extends object>(v: T | FieldProblem): v is FieldProblem {
  return 'truong' in v;
}

/** Parses a quote body {tinhGui, tinhNhan, khoiLuong, loaiDichVu, tienThuHo}. */
export function parseQuoteInput(body: unknown): QuoteInput | FieldProblem {
  try {
    if (!isObject(body)) return refuse('', 'nội dung phải là một đối tượng JSON');
    const fromProvince = required(body, 'tinhGui', 'tinhGui');
    if (!isProvinceCode(fromProvince)) refuse('tinhGui', 'tinhGui không phải mã tỉnh hợp lệ');
    const toProvince = required(body, 'tinhNhan', 'tinhNhan');
    if (!isProvinceCode(toProvince)) refuse('tinhNhan', 'tinhNhan không phải mã tỉnh hợp lệ');
    return {
      fromProvince,
      toProvince,
      weightGrams: wholeNumber(body, 'khoiLuong', 0, POSTAL_MAX_WEIGHT_GRAMS, 0) || POSTAL_DEFAULT_WEIGHT_GRAMS,
      kind: wholeNumber(body, 'loaiDichVu', 1, 3, 1) as 1 | 2 | 3,
      codVnd: wholeNumber(body, 'tienThuHo', 0, POSTAL_MAX_COD_VND, 0),
    };
  } catch (err) {
    if (err instanceof Refusal) return err.problem;
    throw err;
  }
}
