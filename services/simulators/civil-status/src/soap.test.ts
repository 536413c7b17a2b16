import { XMLParser } from 'fast-xml-parser';
import { parseLookupRequest } from './soap-request';
import { faultEnvelope, fieldElements, soapEnvelope } from './xml';

const envelope = (inner: string, op = 'tracuuSuKienHoTich'): string =>
  `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:h="urn:x">` +
  `<s:Header/><s:Body><h:${op}>${inner}</h:${op}></s:Body></s:Envelope>`;
const fault = (xml: string): string | undefined => {
  const r = parseLookupRequest(xml);
  return 'maLoi' in r ? r.maLoi : undefined;
};

describe('the envelopes', () => {
  it('round-trips any text through an element and a standard parser', () => {
    const nasty = `Nguyễn Thị <Hoa> & "Lan" ]]> '\u0001' \u{1F600}`;
    const xml = soapEnvelope(`<r>${fieldElements({ hoTen: nasty, ignored: 5 })}</r>`);
    const parsed = new XMLParser({ removeNSPrefix: true, parseTagValue: false, trimValues: false }).parse(xml, true) as {
      Envelope: { Body: { r: { hoTen: string; ignored?: string } } };
    };
    expect(parsed.Envelope.Body.r.hoTen).toBe(nasty.replace('\u0001', ''));
    expect(parsed.Envelope.Body.r.ignored).toBeUndefined();
  });

  it('writes a SOAP 1.1 fault with faultcode, faultstring and the national error code', () => {
    const xml = faultEnvelope({ faultcode: 'Client', faultstring: 'Không tìm thấy <x>', maLoi: 'KHONG_TIM_THAY' });
    expect(xml).toContain('<faultcode>soap:Client</faultcode>');
    expect(xml).toContain('<faultstring>Không tìm thấy &lt;x&gt;</faultstring>');
    expect(xml).toContain('<maLoi>KHONG_TIM_THAY</maLoi>');
  });
});

describe('parseLookupRequest', () => {
  it('reads a lookup by personal identification number, with any namespace prefixes', () => {
    expect(parseLookupRequest(envelope('<loaiSuKien>KS</loaiSuKien><soDinhDanh>001203012345</soDinhDanh>'))).toEqual({
      event: 'KS',
      key: { personalId: '001203012345' },
    });
  });

  it('reads a lookup by register entry, decoding entities and keeping leading zeros', () => {
    const r = parseLookupRequest(
      envelope('<loaiSuKien>KH</loaiSuKien><so>007</so><quyenSo>01/2019</quyenSo><noiDangKy>UBND A &amp; B</noiDangKy>'),
    );
    expect(r).toEqual({ event: 'KH', key: { so: '007', quyenSo: '01/2019', noiDangKy: 'UBND A & B' } });
  });

  it('answers YEU_CAU_KHONG_HOP_LE for text that is not a SOAP envelope', () => {
    for (const bad of ['', 'not xml', '<a><b></a>', '<Envelope><Header/></Envelope>', '{"loaiSuKien":"KS"}']) {
      expect([bad, fault(bad)]).toEqual([bad, 'YEU_CAU_KHONG_HOP_LE']);
    }
  });

  it('answers THAO_TAC_KHONG_HO_TRO for another operation', () => {
    expect(fault(envelope('<loaiSuKien>KS</loaiSuKien>', 'xoaSuKienHoTich'))).toBe('THAO_TAC_KHONG_HO_TRO');
  });

  it('answers LOAI_SU_KIEN_KHONG_HOP_LE for a missing or unknown event type', () => {
    expect(fault(envelope('<soDinhDanh>001203012345</soDinhDanh>'))).toBe('LOAI_SU_KIEN_KHONG_HOP_LE');
    expect(fault(envelope('<loaiSuKien>ks</loaiSuKien><soDinhDanh>001203012345</soDinhDanh>'))).toBe('LOAI_SU_KIEN_KHONG_HOP_LE');
  });

  it('answers SO_DINH_DANH_KHONG_HOP_LE for a malformed personal identification number', () => {
    for (const id of ['', '12345', '003203012345', '001903012345']) {
      expect(fault(envelope(`<loaiSuKien>KS</loaiSuKien><soDinhDanh>${id}</soDinhDanh>`))).toBe('SO_DINH_DANH_KHONG_HOP_LE');
    }
  });

  it('answers SO_DANG_KY_KHONG_HOP_LE for an incomplete register entry', () => {
    expect(fault(envelope('<loaiSuKien>KS</loaiSuKien><so>1</so><quyenSo>01/2000</quyenSo>'))).toBe('SO_DANG_KY_KHONG_HOP_LE');
    expect(fault(envelope('<loaiSuKien>KS</loaiSuKien><so></so><quyenSo>01</quyenSo><noiDangKy>X</noiDangKy>'))).toBe(
      'SO_DANG_KY_KHONG_HOP_LE',
    );
  });

  it('answers YEU_CAU_KHONG_HOP_LE for both keys, no key, or a repeated field', () => {
    expect(fault(envelope('<loaiSuKien>KS</loaiSuKien><soDinhDanh>001203012345</soDinhDanh><so>1</so>'))).toBe('YEU_CAU_KHONG_HOP_LE');
    expect(fault(envelope('<loaiSuKien>KS</loaiSuKien>'))).toBe('YEU_CAU_KHONG_HOP_LE');
    expect(fault(envelope('<loaiSuKien>KS</loaiSuKien><loaiSuKien>KT</loaiSuKien><soDinhDanh>001203012345</soDinhDanh>'))).toBe(
      'YEU_CAU_KHONG_HOP_LE',
    );
  });
});
