// Templates of the adapter's logic: the pure mapper, the adapter declaration, and the mapper's unit
// tests (the id rule is the domain module's, in @ndxp/contracts).
import type { Names } from '../names';

/** src/mapper.ts of the adapter. */
export function adapterMapper(n: Names): string {
  return `// Pure mapping from the national system's JSON record to the mesh's proto ${n.record}.
import { isNationalJson, jsonText, mapNationalDate, normalizeStatusText } from '@ndxp/adapter-sdk';
import { MeshError, ${n.record}, ${n.statusEnum} } from '@ndxp/contracts';

/** Status texts of the national system and the contract's enum; anything else is UNSPECIFIED. */
export const STATUS_BY_TEXT: ReadonlyMap<string, ${n.statusEnum}> = new Map([
  ['đang hiệu lực', ${n.statusEnum}.${n.statusPrefix}_ACTIVE],
  ['tạm ngừng', ${n.statusEnum}.${n.statusPrefix}_SUSPENDED],
  ['hết hiệu lực', ${n.statusEnum}.${n.statusPrefix}_CLOSED],
]);

/** Maps a status text (any case, any Unicode normalisation, extra spaces) to the enum. */
export function mapStatus(text: string): ${n.statusEnum} {
  return STATUS_BY_TEXT.get(normalizeStatusText(text)) ?? ${n.statusEnum}.${n.statusPrefix}_UNSPECIFIED;
}

/**
 * Maps one record (maSo, ten, trangThai, ngayCapNhat, tinhThanhPho) to ${n.record}. A record without
 * an id is the national system's fault: server.upstream_failure. Missing optional fields map to
 * empty values, never to a thrown error.
 */
export function mapRecord(record: unknown): ${n.record} {
  if (!isNationalJson(record) || typeof record['maSo'] !== 'string' || record['maSo'] === '') {
    throw new MeshError('server.upstream_failure', 'the national system answered a record without maSo');
  }
  return ${n.record}.fromPartial({
    id: record['maSo'],
    name: jsonText(record, 'ten'),
    status: mapStatus(jsonText(record, 'trangThai')),
    updatedAt: mapNationalDate(jsonText(record, 'ngayCapNhat')),
    province: jsonText(record, 'tinhThanhPho'),
  });
}
`;
}

/** src/mapper.test.ts of the adapter. */
export function adapterMapperTest(n: Names): string {
  return `import { MeshError, ${n.record}, ${n.statusEnum} } from '@ndxp/contracts';
import { createDataset } from '${n.simulatorPackage}';
import { mapRecord, mapStatus } from './mapper';

const record = {
  maSo: '1234567897',
  ten: 'Hồ sơ số 12 đường Lê Lợi, Hà Nội',
  trangThai: 'Đang hiệu lực',
  ngayCapNhat: '07/03/2019',
  tinhThanhPho: 'Hà Nội',
};

describe('mapRecord', () => {
  it('maps every field of a national record', () => {
    expect(mapRecord(record)).toEqual(
      ${n.record}.fromPartial({
        id: '1234567897',
        name: 'Hồ sơ số 12 đường Lê Lợi, Hà Nội',
        status: ${n.statusEnum}.${n.statusPrefix}_ACTIVE,
        updatedAt: '2019-03-07',
        province: 'Hà Nội',
      }),
    );
  });

  it('maps missing optional fields to empty values', () => {
    expect(mapRecord({ maSo: '1234567897' })).toMatchObject({
      name: '',
      status: ${n.statusEnum}.${n.statusPrefix}_UNSPECIFIED,
      updatedAt: '',
      province: '',
    });
  });

  it('survives an encode/decode round trip of the proto', () => {
    const r = mapRecord(record);
    expect(${n.record}.decode(${n.record}.encode(r).finish())).toEqual(r);
  });

  it('refuses a record without an id as server.upstream_failure', () => {
    for (const bad of [null, [], 'x', {}, { maSo: '' }, { maSo: 5 }]) {
      let caught: unknown;
      try {
        mapRecord(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(MeshError);
      expect((caught as MeshError).code).toBe('server.upstream_failure');
    }
  });

  it('maps every record of a generated dataset with its own id, a known status and an ISO date', () => {
    const dataset = createDataset({ seed: 'mapper', size: 500 });
    for (const id of dataset.sampleIds(dataset.count)) {
      const r = mapRecord(dataset.get(id));
      expect(r.id).toBe(id);
      expect(r.status).not.toBe(${n.statusEnum}.${n.statusPrefix}_UNSPECIFIED);
      expect(r.updatedAt).toMatch(/^\\d{4}-\\d{2}-\\d{2}$/);
    }
  });
});

describe('mapStatus', () => {
  it('maps status texts in any case and normalisation, and unknown ones to UNSPECIFIED', () => {
    expect(mapStatus('  TẠM   NGỪNG ')).toBe(${n.statusEnum}.${n.statusPrefix}_SUSPENDED);
    expect(mapStatus('Hết hiệu lực'.normalize('NFD'))).toBe(${n.statusEnum}.${n.statusPrefix}_CLOSED);
    expect(mapStatus('ACTIVE')).toBe(${n.statusEnum}.${n.statusPrefix}_UNSPECIFIED);
  });
});
`;
}

/** src/adapter.ts: the adapter declared on the SDK. */
export function adapterDeclaration(n: Names): string {
  return `// The adapter of ${n.title}: ${n.service} = validate the id, ask the national system, map.
import { bindService, defineAdapter } from '@ndxp/adapter-sdk';
import { ${n.providerConst}, ${n.serviceConst}, MeshError, validate${n.pascal}Id } from '@ndxp/contracts';
import { mapRecord } from './mapper';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

/** Where the national system serves its records (the adapter appends /{id}). */
export const RECORDS_PATH = '${n.apiPath}';

/** ${n.service} on the national system's REST API; settings ${n.envPrefix}_* and the common ones are the SDK's. */
export const ${n.camel}Adapter = defineAdapter({
  name: '${n.adapterName}',
  provider: ${n.providerConst},
  version: ADAPTER_VERSION,
  description: ${JSON.stringify(n.title)},
  envPrefix: '${n.envPrefix}',
  upstream: { name: ${JSON.stringify(n.title)}, defaultUrl: 'http://127.0.0.1:${n.defaultPort}' },
  services: ({ upstream }) => [
    bindService(${n.serviceConst}, async (request, ctx) => {
      const id = validate${n.pascal}Id(request.id);
      if (!id.valid) throw new MeshError('client.invalid_argument', id.reason, { field: 'id' });
      const res = await upstream.call(ctx, { path: \`\${RECORDS_PATH}/\${encodeURIComponent(id.id)}\` });
      const record = mapRecord(res.json());
      if (record.id !== id.id) throw new MeshError('server.upstream_failure', 'the national system answered another record');
      return record;
    }),
  ],
});
`;
}
