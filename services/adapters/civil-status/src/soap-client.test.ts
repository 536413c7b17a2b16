import { MeshError } from '@ndxp/contracts';
import { faultEnvelope, parseLookupRequest, soapEnvelope } from '@ndxp/simulator-civil-status';
import { buildLookupEnvelope, faultToError, parseLookupAnswer } from './soap-client';

const answer = (inner: string): string =>
  soapEnvelope(`<ht:tracuuSuKienHoTichResponse><ketQua>${inner}</ketQua></ht:tracuuSuKienHoTichResponse>`);
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof MeshError ? err.code : 'not a MeshError';
  }
  return 'no error';
};

describe('buildLookupEnvelope', () => {
  it('builds an envelope the national system reads back as the same lookup, by ID and by register entry', () => {
    expect(parseLookupRequest(buildLookupEnvelope({ event: 'KT', eventType: 2, key: { personalId: '001203012345' } }))).toEqual({
      event: 'KT',
      key: { personalId: '001203012345' },
    });
    const key = { so: '0012', quyenSo: '01/2019', noiDangKy: 'UBND <Phường> "A" & B' };
    expect(parseLookupRequest(buildLookupEnvelope({ event: 'KH', eventType: 3, key }))).toEqual({ event: 'KH', key });
  });
});

describe('parseLookupAnswer', () => {
  it('reads the record fields as text, keeping leading zeros', () => {
    expect(parseLookupAnswer(answer('<loaiSuKien>KS</loaiSuKien><so>007</so><nksSoDinhDanh>001203012345</nksSoDinhDanh><x></x>'))).toEqual({
      fields: { loaiSuKien: 'KS', so: '007', nksSoDinhDanh: '001203012345', x: '' },
    });
  });

  it('reads a fault: faultcode without its prefix, faultstring and the national code', () => {
    const xml = faultEnvelope({ faultcode: 'Client', faultstring: 'Không tìm thấy', maLoi: 'KHONG_TIM_THAY' });
    expect(parseLookupAnswer(xml)).toEqual({ fault: { faultcode: 'Client', faultstring: 'Không tìm thấy', maLoi: 'KHONG_TIM_THAY' } });
    const bare = soapEnvelope('<soap:Fault><faultcode>soap:Server</faultcode><faultstring>x</faultstring></soap:Fault>');
    expect(parseLookupAnswer(bare)).toEqual({ fault: { faultcode: 'Server', faultstring: 'x', maLoi: '' } });
  });

  it('answers server.upstream_failure for anything that is not an answer envelope', () => {
    for (const xml of ['', 'oops', '{"so":1}', '<a><b></a>', soapEnvelope(''), soapEnvelope('<other/>')]) {
      expect([xml, codeOf(() => parseLookupAnswer(xml))]).toEqual([xml, 'server.upstream_failure']);
    }
    expect(codeOf(() => parseLookupAnswer(answer('<so>1</so><so>2</so>')))).toBe('server.upstream_failure');
    expect(codeOf(() => parseLookupAnswer(answer('<nguoiKy><hoTen>A</hoTen></nguoiKy>')))).toBe('server.upstream_failure');
  });
});

describe('faultToError', () => {
  it('maps KHONG_TIM_THAY to client.not_found', () => {
    expect(faultToError({ faultcode: 'Client', faultstring: '', maLoi: 'KHONG_TIM_THAY' }).code).toBe('client.not_found');
  });

  it('maps SO_DINH_DANH_KHONG_HOP_LE to client.invalid_argument on personal_id', () => {
    const err = faultToError({ faultcode: 'Client', faultstring: 'Số định danh cá nhân không hợp lệ', maLoi: 'SO_DINH_DANH_KHONG_HOP_LE' });
    expect([err.code, err.field]).toEqual(['client.invalid_argument', 'personal_id']);
  });

  it('maps every other fault to server.upstream_failure, keeping its text', () => {
    for (const maLoi of ['HE_THONG_BAN', 'YEU_CAU_KHONG_HOP_LE', '']) {
      const err = faultToError({ faultcode: 'Server', faultstring: 'bận', maLoi });
      expect(err.code).toBe('server.upstream_failure');
      expect(err.message).toContain('bận');
    }
  });
});
