// Hand-written XML output: escaping that is safe for any string, and SOAP 1.1 envelopes.

/** Namespace of SOAP 1.1 envelopes. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Namespace of the civil-status web service's own elements. */
export const HOTICH_NS = 'urn:hotich.moj.gov.vn:ws:v1';

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/F):
// matching control characters is the point here.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content or an attribute value; drops characters XML cannot represent. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

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
