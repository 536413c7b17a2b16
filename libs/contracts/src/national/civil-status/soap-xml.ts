// The XML the civil-status web service speaks: its namespaces, and escaping that is safe for any string.

/** Namespace of SOAP 1.1 envelopes. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Namespace of the civil-status web service's own elements. */
export const HOTICH_NS = 'urn:hotich.moj.gov.vn:ws:v1';

/**
 * How both sides read the service's XML (fast-xml-parser options): namespace prefixes dropped, values
 * kept as trimmed text ("001203012345" and "01/2019" must not become numbers), entities decoded.
 */
export const SOAP_PARSER_OPTIONS = {
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
} as const;

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
