import { MeshError } from '../mesh-error';
import { NATIONAL_SERVICES } from './catalogue';
import { aliasAnswerOf, meshRequestOf } from './http-alias';

describe('the HTTP/JSON edge paths of the national services', () => {
  it('gives every service POST /{provider}/{version}/{service}, and no two services one path', () => {
    const paths = NATIONAL_SERVICES.flatMap((s) => [s.httpPath, ...s.httpAliases.map((a) => a.path)]);
    expect(new Set(paths).size).toBe(paths.length);
    for (const s of NATIONAL_SERVICES) expect(s.httpPath).toBe(`/${s.provider}/${s.version}/${s.service}`);
  });

  it("keeps the national platform's enterprise detail as an alias of GetEnterprise, msdn in, Data.MainInformation.NAME out", () => {
    const detail = NATIONAL_SERVICES.find((s) => s.httpAliases.some((a) => a.path === '/apiCSDLDKDN/1.0/chiTietDoanhNghiep'));
    expect(detail?.service).toBe('GetEnterprise');
    const alias = detail!.httpAliases[0]!;
    expect(detail!.request.fromJSON(meshRequestOf(alias, { msdn: '0100109106' }))).toEqual({ taxCode: '0100109106' });
    const answer = detail!.response.toJSON(detail!.response.fromPartial({ taxCode: '0100109106', nameVi: 'CÔNG TY A' }));
    expect(aliasAnswerOf(alias, answer)).toEqual({ Data: { MainInformation: { taxCode: '0100109106', NAME: 'CÔNG TY A' } } });
  });

  it('refuses a body that sends one field under both the platform name and the mesh name', () => {
    const alias = { path: '/x/1.0/y', requestNames: { msdn: 'taxCode' } };
    expect(() => meshRequestOf(alias, { msdn: '1', taxCode: '2' })).toThrow(MeshError);
    expect(meshRequestOf(alias, { taxCode: '2', other: 3 })).toEqual({ taxCode: '2', other: 3 });
    expect(aliasAnswerOf({ path: '/x/1.0/y' }, { a: 1 })).toEqual({ a: 1 });
  });
});
