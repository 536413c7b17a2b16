// The civil-status adapter: GetCivilStatusRecord = check the request, ask the SOAP web service, map.
import { bindService, defineAdapter } from '@ndxp/adapter-sdk';
import { CIVIL_STATUS_PROVIDER, getCivilStatusRecordService, MeshError, type CivilStatusRecord } from '@ndxp/contracts';
import { resolveLookup, type Lookup } from './lookup-request';
import { mapRecord } from './mapper';
import { buildLookupEnvelope, faultToError, LOOKUP_OPERATION, parseLookupAnswer, SERVICE_PATH } from './soap-client';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

/** Whether the record is the one asked for: same event, and the number or register entry matches. */
function answersLookup(record: CivilStatusRecord, lookup: Lookup): boolean {
  if (record.eventType !== lookup.eventType) return false;
  const { key } = lookup;
  if ('personalId' in key) return [record.subject?.personalId, record.spouse?.personalId].includes(key.personalId);
  return record.header?.number === key.so;
}

/** GetCivilStatusRecord from the national SOAP web service (POST {CS_UPSTREAM_URL}/hotich/ws). */
export const civilStatusAdapter = defineAdapter({
  name: 'adapter-civil-status',
  provider: CIVIL_STATUS_PROVIDER,
  version: ADAPTER_VERSION,
  description: 'Civil-status registration and management system (hộ tịch), Bộ Tư pháp',
  envPrefix: 'CS',
  upstream: { name: 'hộ tịch', defaultUrl: 'http://127.0.0.1:8082' },
  services: ({ upstream }) => [
    bindService(getCivilStatusRecordService, async (request, ctx) => {
      const lookup = resolveLookup(request);
      const res = await upstream.call(ctx, {
        method: 'POST',
        path: SERVICE_PATH,
        body: buildLookupEnvelope(lookup),
        contentType: 'text/xml; charset=utf-8',
        headers: { soapaction: `"${LOOKUP_OPERATION}"` },
        // A lookup changes nothing: it may be repeated after a failed attempt.
        idempotent: true,
      });
      const answer = parseLookupAnswer(res.body);
      if ('fault' in answer) throw faultToError(answer.fault);
      const record = mapRecord(answer.fields);
      if (!answersLookup(record, lookup)) {
        throw new MeshError('server.upstream_failure', 'the civil-status system answered another record');
      }
      return record;
    }),
  ],
});
