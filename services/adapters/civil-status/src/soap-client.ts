// The SOAP side of the national system: the request envelope, and reading the answer or its fault.
import {
  escapeXml,
  HOTICH_LOOKUP_OPERATION,
  HOTICH_NS,
  HOTICH_SERVICE_PATH,
  MeshError,
  SOAP_ENV_NS,
  SOAP_PARSER_OPTIONS,
} from '@ndxp/contracts';
import { XMLParser } from 'fast-xml-parser';
import type { Lookup } from './lookup-request';

/** Path of the national web service, and its one operation. */
export const SERVICE_PATH = HOTICH_SERVICE_PATH;
export const LOOKUP_OPERATION = HOTICH_LOOKUP_OPERATION;

/** The record's fields as the national system names them (nksHoTen, ngayDangKy, …), all text. */
export type NationalFields = Readonly<Record<string, string>>;

/** A SOAP fault: its faultcode without prefix (Client, Server, Client.X…), text and the national code. */
export interface NationalFault {
  faultcode: string;
  faultstring: string;
  maLoi: string;
}

/** The SOAP 1.1 request envelope of a lookup. */
export function buildLookupEnvelope(lookup: Lookup): string {
  const { key } = lookup;
  const keyXml =
    'personalId' in key
      ? `<soDinhDanh>${escapeXml(key.personalId)}</soDinhDanh>`
      : `<so>${escapeXml(key.so)}</so><quyenSo>${escapeXml(key.quyenSo)}</quyenSo><noiDangKy>${escapeXml(key.noiDangKy)}</noiDangKy>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:ht="${HOTICH_NS}"><soapenv:Header/><soapenv:Body>` +
    `<ht:${LOOKUP_OPERATION}><loaiSuKien>${lookup.event}</loaiSuKien>${keyXml}</ht:${LOOKUP_OPERATION}>` +
    '</soapenv:Body></soapenv:Envelope>'
  );
}

const parser = new XMLParser(SOAP_PARSER_OPTIONS);

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');
const badAnswer = (why: string, cause?: unknown): MeshError =>
  new MeshError('server.upstream_failure', `the civil-status system answered ${why}`, cause === undefined ? undefined : { cause });

/**
 * Reads an answer envelope: the record's fields, or the fault it carries. Anything else (not XML, no
 * SOAP body, a record with nested or repeated fields) is the national system's failure:
 * server.upstream_failure.
 */
export function parseLookupAnswer(xml: string): { fields: NationalFields } | { fault: NationalFault } {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw badAnswer('no valid XML', err);
  }
  const envelope = isNode(doc) ? doc['Envelope'] : undefined;
  const body = isNode(envelope) ? envelope['Body'] : undefined;
  if (!isNode(body)) throw badAnswer('no SOAP envelope with a body');
  const fault = body['Fault'];
  if (isNode(fault)) {
    const detail = isNode(fault['detail']) ? fault['detail'] : {};
    const error = isNode(detail['loiHoTich']) ? detail['loiHoTich'] : {};
    return {
      fault: {
        faultcode: textOf(fault['faultcode']).replace(/^[^:]*:/, ''),
        faultstring: textOf(fault['faultstring']),
        maLoi: textOf(error['maLoi']),
      },
    };
  }
  const response = body[`${LOOKUP_OPERATION}Response`];
  const result = isNode(response) ? response['ketQua'] : undefined;
  if (!isNode(result)) throw badAnswer(`no ${LOOKUP_OPERATION}Response/ketQua`);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(result)) {
    if (typeof value !== 'string') throw badAnswer(`a record whose field ${name} is not a single text value`);
    fields[name] = value;
  }
  return { fields };
}

/**
 * The mesh error of a fault: KHONG_TIM_THAY → client.not_found; SO_DINH_DANH_KHONG_HOP_LE →
 * client.invalid_argument on personal_id; anything else → server.upstream_failure (the adapter
 * checked the request already, so any other refusal is an integration fault, not the consumer's).
 */
export function faultToError(fault: NationalFault): MeshError {
  if (fault.maLoi === 'KHONG_TIM_THAY') return new MeshError('client.not_found', 'no civil-status record matches the request');
  if (fault.maLoi === 'SO_DINH_DANH_KHONG_HOP_LE') {
    return new MeshError('client.invalid_argument', fault.faultstring || 'invalid personal identification number', {
      field: 'personal_id',
    });
  }
  const what = [fault.faultcode, fault.maLoi].filter(Boolean).join(' ');
  return new MeshError('server.upstream_failure', `the civil-status system answered a fault ${what}: ${fault.faultstring}`);
}
