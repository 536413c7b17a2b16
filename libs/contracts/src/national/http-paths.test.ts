import { NATIONAL_SERVICES } from './catalogue';

describe('the HTTP/JSON edge paths of the national services', () => {
  it('gives every service POST /{provider}/{version}/{service}, and no two services one path', () => {
    const paths = NATIONAL_SERVICES.flatMap((s) => [s.httpPath, ...s.httpAliases]);
    expect(new Set(paths).size).toBe(paths.length);
    for (const s of NATIONAL_SERVICES) expect(s.httpPath).toBe(`/${s.provider}/${s.version}/${s.service}`);
  });

  it("keeps the national platform's path of enterprise detail as an alias of GetEnterprise", () => {
    const detail = NATIONAL_SERVICES.find((s) => s.httpAliases.includes('/apiCSDLDKDN/1.0/chiTietDoanhNghiep'));
    expect(detail?.service).toBe('GetEnterprise');
  });
});
