// Reads the SOAP request of the lookup operation: tracuuSuKienHoTich with an event type and a key.
import { XMLParser } from 'fast-xml-parser';
import {
  HOTICH_LOOKUP_OPERATION,
  isEventCode,
  SOAP_PARSER_OPTIONS,
  validatePersonalId,
  type EventCode,
  type RecordKey,
} from '@ndxp/contracts';
import type { SoapFault } from './xml';

/** A well-formed lookup. */
export interface LookupRequest {
  event: EventCode;
  key: RecordKey;
}

const parser = new XMLParser(SOAP_PARSER_OPTIONS);

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

const clientFault = (maLoi: string, faultstring: string): SoapFault => ({ faultcode: 'Client', maLoi, faultstring });

function text(node: Node, name: string): string | undefined | SoapFault {
  const v = node[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  return clientFault('YEU_CAU_KHONG_HOP_LE', `Trường ${name} phải là một giá trị văn bản duy nhất`);
}

const isFault = (v: unknown): v is SoapFault => isNode(v) && 'maLoi' in v;

/**
 * Parses and checks a request envelope. Returns the lookup, or the Client fault to answer: the XML is
 * not a SOAP envelope (YEU_CAU_KHONG_HOP_LE), another operation (THAO_TAC_KHONG_HO_TRO), an unknown
 * event type (LOAI_SU_KIEN_KHONG_HOP_LE), a bad personal identification number
 * (SO_DINH_DANH_KHONG_HOP_LE), an incomplete register entry (SO_DANG_KY_KHONG_HOP_LE), or both keys or none.
 */
export function parseLookupRequest(xml: string): LookupRequest | SoapFault {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch {
    return clientFault('YEU_CAU_KHONG_HOP_LE', 'Yêu cầu không phải là XML hợp lệ');
  }
  const envelope = isNode(doc) ? doc['Envelope'] : undefined;
  const body = isNode(envelope) ? envelope['Body'] : undefined;
  if (!isNode(body)) return clientFault('YEU_CAU_KHONG_HOP_LE', 'Yêu cầu không phải là SOAP Envelope có Body');
  const op = body[HOTICH_LOOKUP_OPERATION];
  if (op === undefined) return clientFault('THAO_TAC_KHONG_HO_TRO', `Chỉ hỗ trợ thao tác ${HOTICH_LOOKUP_OPERATION}`);
  if (!isNode(op)) return clientFault('YEU_CAU_KHONG_HOP_LE', `${HOTICH_LOOKUP_OPERATION} phải chứa loaiSuKien và khóa tra cứu`);

  const fields = ['loaiSuKien', 'soDinhDanh', 'so', 'quyenSo', 'noiDangKy'].map((n) => text(op, n));
  const faulty = fields.find(isFault);
  if (faulty) return faulty;
  const [loaiSuKien, soDinhDanh, so, quyenSo, noiDangKy] = fields as Array<string | undefined>;
  if (!loaiSuKien || !isEventCode(loaiSuKien)) {
    return clientFault('LOAI_SU_KIEN_KHONG_HOP_LE', 'loaiSuKien phải là KS, KT, KH hoặc XNTTHN');
  }
  const byRegister = so !== undefined || quyenSo !== undefined || noiDangKy !== undefined;
  if ((soDinhDanh !== undefined) === byRegister) {
    return clientFault('YEU_CAU_KHONG_HOP_LE', 'Cần đúng một khóa tra cứu: soDinhDanh, hoặc so + quyenSo + noiDangKy');
  }
  if (soDinhDanh !== undefined) {
    const id = validatePersonalId(soDinhDanh);
    if (!id.valid) return clientFault('SO_DINH_DANH_KHONG_HOP_LE', `Số định danh cá nhân không hợp lệ: ${id.reason}`);
    return { event: loaiSuKien, key: { personalId: soDinhDanh } };
  }
  if (!so || !quyenSo || !noiDangKy) {
    return clientFault('SO_DANG_KY_KHONG_HOP_LE', 'Tra cứu theo sổ cần đủ so, quyenSo và noiDangKy');
  }
  return { event: loaiSuKien, key: { so, quyenSo, noiDangKy } };
}
