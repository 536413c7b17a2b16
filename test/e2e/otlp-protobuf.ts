// Reads the few fields the tests look at from an OTLP/HTTP protobuf trace export (the OTLP default
// protocol): ExportTraceServiceRequest → ResourceSpans (resource attributes, scope spans) → Span.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

/** One exported span, ids in lowercase hex (as OTLP/JSON writes them). */
export interface CollectedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
}

/** Calls `field` for each field of the message in `bytes`; fields it does not read are skipped. */
function eachField(bytes: Uint8Array, field: (no: number, reader: BinaryReader) => boolean): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, wireType] = reader.tag();
    if (!(wireType === WireType.LengthDelimited && field(no, reader))) reader.skip(wireType);
  }
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** service.name among a Resource's attributes (KeyValue 1: key, 2: AnyValue with 1: string_value). */
function serviceName(resource: Uint8Array): string {
  let name = '';
  eachField(resource, (no, r) => {
    if (no !== 1) return false;
    let key = '';
    let value = '';
    eachField(r.bytes(), (kvNo, kv) => {
      if (kvNo === 1) key = kv.string();
      else if (kvNo === 2) eachField(kv.bytes(), (vNo, v) => vNo === 1 && ((value = v.string()), true));
      else return false;
      return true;
    });
    if (key === 'service.name') name = value;
    return true;
  });
  return name;
}

/** The spans of an ExportTraceServiceRequest, each with its resource's service.name. */
export function decodeProtobufSpans(body: Uint8Array): CollectedSpan[] {
  const spans: CollectedSpan[] = [];
  eachField(body, (no, r) => {
    if (no !== 1) return false;
    let service = '';
    const scopes: Uint8Array[] = [];
    eachField(r.bytes(), (rsNo, rs) => {
      if (rsNo === 1) service = serviceName(rs.bytes());
      else if (rsNo === 2) scopes.push(rs.bytes());
      else return false;
      return true;
    });
    for (const scope of scopes) {
      eachField(scope, (ssNo, ss) => {
        if (ssNo !== 2) return false;
        const span: CollectedSpan = { service, name: '', traceId: '', spanId: '', parentSpanId: '' };
        eachField(ss.bytes(), (sNo, s) => {
          if (sNo === 1) span.traceId = hex(s.bytes());
          else if (sNo === 2) span.spanId = hex(s.bytes());
          else if (sNo === 4) span.parentSpanId = hex(s.bytes());
          else if (sNo === 5) span.name = s.string();
          else return false;
          return true;
        });
        spans.push(span);
        return true;
      });
    }
    return true;
  });
  return spans;
}
