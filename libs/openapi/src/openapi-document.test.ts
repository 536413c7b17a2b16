// The document built from the protos and the catalogue: every national path and alias a POST with
// its schemas, ts-proto's proto3 JSON valid against them (ajv, 2020-12), the proto comments in it.
import { aliasAnswerOf, ERROR_CODES, meshRequestOf, NATIONAL_SERVICES, type NationalService } from '@ndxp/contracts';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument, loadProtoRegistry, openApiDocument, PROBLEM_TYPE_BASE } from './index';

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   the document is JSON walked by key: the assertions check each step's shape */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
type Json = Record<string, any>;

interface Sample {
  request: unknown;
  response: unknown;
  /** A request body of the wrong shape: the schema must refuse it. */
  wrongRequest: unknown;
}

// One sample per proto method (a new national service needs its own: the first test says so).
const SAMPLES: Record<string, Sample> = {
  'ndxp.businessregistration.v1.BusinessRegistration/GetEnterprise': {
    request: { taxCode: '0100109106' },
    response: {
      taxCode: '0100109106',
      nameVi: 'Tập đoàn Công nghiệp - Viễn thông Quân đội',
      status: 1,
      charterCapitalVnd: 125_000_000_000,
      headOffice: { province: 'Hà Nội', full: 'Lô D26, Cầu Giấy, Hà Nội' },
      isBranch: false,
    },
    wrongRequest: { taxCode: 100109106 },
  },
  'ndxp.civilstatus.v1.CivilStatus/GetCivilStatusRecord': {
    request: { eventType: 1, key: { $case: 'personalId', value: '001203004567' } },
    response: { eventType: 1, header: { number: '12', book: '01/2024' }, subject: { fullName: 'Nguyễn Văn An', sex: 1 } },
    wrongRequest: { eventType: 'EVENT_TYPE_WEDDING' },
  },
  'ndxp.budgetunit.v1.BudgetUnits/GetBudgetUnit': {
    request: { code: '1012345' },
    response: { code: '1012345', name: 'Trường Tiểu học Kim Liên', kind: 1, budgetLevel: 3, status: 1 },
    wrongRequest: { code: ['1012345'] },
  },
  'ndxp.budgetunit.v1.BudgetUnits/SearchBudgetUnits': {
    request: { nameContains: 'Trường', pageSize: 20 },
    response: { units: [{ code: '1012345', name: 'Trường Tiểu học Kim Liên' }], nextPageToken: 'p2', total: 41 },
    wrongRequest: { pageSize: 2.5 },
  },
  'ndxp.vnpost.v1.PublicPostal/CreateOrder': {
    request: {
      customerCode: 'LGSP-01',
      orderNumber: 'HS-0001',
      kind: 1,
      sender: { name: 'UBND phường', phone: '0241234567' },
      codAmountVnd: 0,
      weightGrams: 300,
    },
    response: { orderNumber: 'HS-0001', itemNumber: 'EB123456785VN', kind: 1, status: 1, postageVnd: 18_000 },
    wrongRequest: { sender: 'UBND phường' },
  },
  'ndxp.vnpost.v1.PublicPostal/CancelOrder': {
    request: { itemNumber: 'EB123456785VN', reason: 'nhầm địa chỉ' },
    response: { orderNumber: 'HS-0001', itemNumber: 'EB123456785VN', status: 4 },
    wrongRequest: { itemNumber: true },
  },
  'ndxp.vnpost.v1.PublicPostal/TrackOrder': {
    request: { itemNumber: 'EB123456785VN' },
    response: { order: { itemNumber: 'EB123456785VN', status: 2 }, events: [{ status: 2, code: 'C', time: '2026-12-01T08:00:00Z' }] },
    wrongRequest: { itemNumber: { value: 'EB123456785VN' } },
  },
  'ndxp.vnpost.v1.PublicPostal/QuotePostage': {
    request: { senderProvince: '01', receiverProvince: '79', weightGrams: 500, kind: 3 },
    response: { postageVnd: 32_000, codFeeVnd: 0, estimatedDays: 3 },
    wrongRequest: { weightGrams: '500 g' },
  },
};

let document: Json;
let ajv: Ajv2020;

/** A validator of a document schema (its $refs to #/components/schemas rewritten to $defs). */
function validatorOf(schema: Json): ValidateFunction {
  const rewrite = (value: unknown): Json => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'));
  return ajv.compile({ ...rewrite(schema), $defs: rewrite(document.components.schemas) });
}

function operationOf(path: string): Json {
  const item = document.paths[path] as Json | undefined;
  if (item?.post === undefined) throw new Error(`no POST ${path}`);
  return item.post as Json;
}

function bodySchemas(path: string): { request: Json; response: Json } {
  const op = operationOf(path);
  return { request: op.requestBody.content['application/json'].schema, response: op.responses['200'].content['application/json'].schema };
}

beforeAll(() => {
  document = buildOpenApiDocument({ registry: loadProtoRegistry(), services: NATIONAL_SERVICES, version: '0.0.0-test' });
  ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a Vietnamese title and the OAuth2 client-credentials scheme at /token', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toMatch(/^Nền tảng tích hợp, chia sẻ dữ liệu quốc gia/);
    expect(document.components.securitySchemes.oauth2).toEqual(
      expect.objectContaining({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: {} } } }),
    );
    const token = operationOf('/token');
    expect(token.security).toEqual([]);
    expect(token.requestBody.content['application/x-www-form-urlencoded']).toBeDefined();
  });

  it('has a sample for every national service (a new service adds one here)', () => {
    expect(NATIONAL_SERVICES.map((s) => s.protoMethod).filter((m) => !(m in SAMPLES))).toEqual([]);
  });

  it.each(NATIONAL_SERVICES.map((s) => [s.protoMethod, s] as const))(
    '%s: its path and every alias are POST operations with schemas, the OAuth2 scheme and the error statuses',
    (_name, national: NationalService<unknown, unknown>) => {
      const paths = [national.httpPath, ...national.httpAliases.map((a) => a.path)];
      for (const path of paths) {
        expect(Object.keys(document.paths[path] as Json)).toEqual(['post']);
        const op = operationOf(path);
        expect(op['x-ndxp-proto-method']).toBe(national.protoMethod);
        expect(op.security).toEqual([{ oauth2: [] }]);
        const { request, response } = bodySchemas(path);
        expect(request.$ref).toMatch(/^#\/components\/schemas\//);
        expect(response.$ref ?? response.type).toBeDefined();
        for (const status of ['400', '401', '403', '404', '429', '500', '502', '503', '504']) {
          expect(op.responses[status]).toEqual({ $ref: `#/components/responses/Problem${status}` });
        }
        const requestId = national.safeToRepeat ? 'RequestIdOptional' : 'RequestIdRequired';
        expect(op.parameters).toContainEqual({ $ref: `#/components/parameters/${requestId}` });
      }
    },
  );

  it('lists the business-registration alias /apiCSDLDKDN/1.0/chiTietDoanhNghiep beside its own path', () => {
    expect(operationOf('/apiCSDLDKDN/1.0/chiTietDoanhNghiep')['x-ndxp-proto-method']).toBe(
      operationOf('/BO-BKHDT-DKDN/v1/GetEnterprise')['x-ndxp-proto-method'],
    );
  });

  it('describes the alias bodies with the platform names and envelope, and what the edge sends and answers validates', () => {
    const national = NATIONAL_SERVICES.find((s) => s.service === 'GetEnterprise')!;
    const alias = national.httpAliases[0]!;
    const { request, response } = bodySchemas(alias.path);
    const schemas = document.components.schemas as Json;
    const requestRef = String(request.$ref);
    expect(Object.keys(schemas[requestRef.slice(requestRef.lastIndexOf('/') + 1)].properties)).toEqual(['msdn']);
    expect(response.properties.Data.properties.MainInformation.$ref).toBe('#/components/schemas/apiCSDLDKDN.1.0.chiTietDoanhNghiep.Answer');
    const sample = SAMPLES[national.protoMethod] as Sample;
    const answer = aliasAnswerOf(alias, national.response.toJSON(national.response.fromPartial(sample.response)));
    const validAnswer = validatorOf(response);
    expect(validAnswer(answer) ? [] : validAnswer.errors).toEqual([]);
    expect(validAnswer(national.response.toJSON(national.response.fromPartial(sample.response)))).toBe(false);
    expect(national.request.fromJSON(meshRequestOf(alias, { msdn: '0100109106' }))).toEqual(sample.request);
    expect(validatorOf(request)({ msdn: 100109106 })).toBe(false);
    expect(operationOf(alias.path).description).toContain('`msdn` for `taxCode`');
  });

  it.each(NATIONAL_SERVICES.map((s) => [s.protoMethod, s] as const))(
    "%s: ts-proto's toJSON of a sample request and response validates, a wrong-typed body does not",
    (_name, national: NationalService<unknown, unknown>) => {
      const sample = SAMPLES[national.protoMethod] as Sample;
      const { request, response } = bodySchemas(national.httpPath);
      const validRequest = validatorOf(request);
      const validResponse = validatorOf(response);
      const requestJson = national.request.toJSON(national.request.fromPartial(sample.request));
      const responseJson = national.response.toJSON(national.response.fromPartial(sample.response));
      expect(Object.keys(requestJson as Json).length).toBeGreaterThan(0);
      expect(validRequest(requestJson) ? [] : validRequest.errors).toEqual([]);
      expect(validResponse(responseJson) ? [] : validResponse.errors).toEqual([]);
      expect(validRequest(sample.wrongRequest)).toBe(false);
    },
  );

  it('takes an int64 as a number or a decimal string, as fromJSON does, and refuses both members of a oneof', () => {
    const enterprise = validatorOf({ $ref: '#/components/schemas/ndxp.businessregistration.v1.Enterprise' });
    expect(enterprise({ charterCapitalVnd: '125000000000' })).toBe(true);
    expect(enterprise({ charterCapitalVnd: '12.5e10' })).toBe(false);
    expect(enterprise({ status: 'ENTERPRISE_STATUS_ACTIVE' })).toBe(true);
    const civil = validatorOf({ $ref: '#/components/schemas/ndxp.civilstatus.v1.GetCivilStatusRecordRequest' });
    expect(civil({ personalId: '001203004567' })).toBe(true);
    expect(civil({ personalId: '001203004567', registerNumber: { number: '12' } })).toBe(false);
  });

  it('carries the proto comments as descriptions (file, method, message field, enum value)', () => {
    const schemas = document.components.schemas as Json;
    expect(schemas['ndxp.businessregistration.v1.GetEnterpriseRequest'].properties.taxCode.description).toBe(
      'Enterprise code (= tax code), 10 digits, or a dependent unit\'s 10 digits + "-NNN".',
    );
    expect(schemas['ndxp.vnpost.v1.Order'].properties.createdAt.description).toBe('RFC 3339');
    expect(schemas['ndxp.civilstatus.v1.EventType'].description).toContain('`EVENT_TYPE_BIRTH` (1): khai sinh');
    expect(operationOf('/DN-VNPOST-BCCI/v1/CreateOrder').description).toContain('CreateOrder and CancelOrder change the order book');
    expect((document.tags as Json[]).find((t) => t.name === 'BO-BKHDT-DKDN')?.description).toMatch(
      /^National Business Registration Database/,
    );
  });

  it('answers errors as problem details whose code is every mesh code', () => {
    const problem = document.components.schemas.Problem as Json;
    expect(problem.properties.code.enum).toEqual(ERROR_CODES);
    expect(Object.keys(problem.properties)).toEqual(['type', 'title', 'status', 'detail', 'code', 'field', 'requestId', 'retryAfterMs']);
    const forbidden = document.components.responses.Problem403 as Json;
    expect(forbidden.description).toContain('client.access_denied');
    expect(forbidden.content['application/problem+json'].example.type).toBe(`${PROBLEM_TYPE_BASE}client.access_denied`);
  });

  it('is what pnpm build wrote to dist/openapi.json (but for the version)', () => {
    const built = openApiDocument() as Json;
    expect({ ...built, info: { ...built.info, version: '0.0.0-test' } }).toEqual(document);
  });
});
