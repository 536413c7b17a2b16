// Hand-written XML output: record fields as elements, and SOAP 1.1 envelopes and faults.
import { escapeXml, HOTICH_NS, SOAP_ENV_NS } from '@ndxp/contracts';

/** `<name>escaped value</name>` for each string field, in property order. Names must be plain XML names. */
export function fieldElements(fields: object): string {
  let out = '';
  for (const [name, value] of Object.entries(fields) as Array<[string, unknown]>) {
    if (typeof value === 'string') out += `<${name}>${escapeXml(value)}</${name}>`;
  }
  return out;
}

/** A SOAP 1.1 envelope around a body (already XML), with the service's namespace bound to `ht`. */
export function soapEnvelope(bodyXml: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}" xmlns:ht="${HOTICH_NS}">` +
    `<soap:Header/><soap:Body>${bodyXml}</soap:Body></soap:Envelope>`
  );
}

/** What a SOAP fault says: faultcode Client or Server, the text, and the system's own error code. */
export interface SoapFault {
  faultcode: 'Client' | 'Server';
  faultstring: string;
  /** Stable error code of the national system (detail/loiHoTich/maLoi). */
  maLoi: string;
}

/** A SOAP 1.1 Fault envelope; the national error code travels in detail/ht:loiHoTich. */
export function faultEnvelope(fault: SoapFault): string {
  return soapEnvelope(
    '<soap:Fault>' +
      `<faultcode>soap:${fault.faultcode}</faultcode>` +
      `<faultstring>${escapeXml(fault.faultstring)}</faultstring>` +
      `<detail><ht:loiHoTich><maLoi>${escapeXml(fault.maLoi)}</maLoi><moTa>${escapeXml(fault.faultstring)}</moTa></ht:loiHoTich></detail>` +
      '</soap:Fault>',
  );
}
