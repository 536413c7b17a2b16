import { EventType, GetCivilStatusRecordRequest, MeshError } from '@ndxp/contracts';
import { resolveLookup } from './lookup-request';

const ID = '001203012345';
const register = { number: '12', book: '01/2019', office: 'Ủy ban nhân dân Phường Tân Phú, Quận Cầu Giấy, Thành phố Hà Nội' };
const req = (partial: Parameters<typeof GetCivilStatusRecordRequest.fromPartial>[0]): GetCivilStatusRecordRequest =>
  GetCivilStatusRecordRequest.fromPartial(partial);

function refusal(request: GetCivilStatusRecordRequest): { code: string; field: string | undefined } {
  try {
    resolveLookup(request);
  } catch (err) {
    if (err instanceof MeshError) return { code: err.code, field: err.field };
    throw err;
  }
  throw new Error('accepted');
}

describe('resolveLookup', () => {
  it('maps each event type to its national code', () => {
    const codes = [
      EventType.EVENT_TYPE_BIRTH,
      EventType.EVENT_TYPE_DEATH,
      EventType.EVENT_TYPE_MARRIAGE,
      EventType.EVENT_TYPE_MARITAL_STATUS_CONFIRMATION,
    ].map((eventType) => resolveLookup(req({ eventType, key: { $case: 'personalId', value: ID } })).event);
    expect(codes).toEqual(['KS', 'KT', 'KH', 'XNTTHN']);
  });

  it('accepts a valid personal ID', () => {
    expect(resolveLookup(req({ eventType: EventType.EVENT_TYPE_BIRTH, key: { $case: 'personalId', value: ID } }))).toEqual({
      event: 'KS',
      eventType: EventType.EVENT_TYPE_BIRTH,
      key: { personalId: ID },
    });
  });

  it('accepts a register number, trimming its fields', () => {
    const spaced = { number: ' 12 ', book: '01/2019\t', office: ` ${register.office}` };
    expect(resolveLookup(req({ eventType: EventType.EVENT_TYPE_DEATH, key: { $case: 'registerNumber', value: spaced } })).key).toEqual({
      so: '12',
      quyenSo: '01/2019',
      noiDangKy: register.office,
    });
  });

  it('refuses an unspecified or unknown event type on event_type, before looking at the key', () => {
    expect(refusal(req({ key: { $case: 'personalId', value: 'bad' } }))).toEqual({ code: 'client.invalid_argument', field: 'event_type' });
    const unknown = GetCivilStatusRecordRequest.decode(
      GetCivilStatusRecordRequest.encode({ eventType: 9 as EventType, key: { $case: 'personalId', value: ID } }).finish(),
    );
    expect(refusal(unknown)).toEqual({ code: 'client.invalid_argument', field: 'event_type' });
  });

  it('refuses a request with no key on key', () => {
    expect(refusal(req({ eventType: EventType.EVENT_TYPE_BIRTH }))).toEqual({ code: 'client.invalid_argument', field: 'key' });
  });

  it('refuses a malformed personal ID on personal_id', () => {
    for (const value of ['', '12345', '003203012345', '001903012345', ' 001203012345', '001299012345']) {
      expect([value, refusal(req({ eventType: EventType.EVENT_TYPE_BIRTH, key: { $case: 'personalId', value } }))]).toEqual([
        value,
        { code: 'client.invalid_argument', field: 'personal_id' },
      ]);
    }
  });

  it('refuses an empty or too long register field, naming it', () => {
    const cases: Array<[Partial<typeof register>, string]> = [
      [{ number: '' }, 'register_number.number'],
      [{ book: '  ' }, 'register_number.book'],
      [{ office: '' }, 'register_number.office'],
      [{ office: 'x'.repeat(301) }, 'register_number.office'],
    ];
    for (const [change, field] of cases) {
      const value = { ...register, ...change };
      expect(refusal(req({ eventType: EventType.EVENT_TYPE_MARRIAGE, key: { $case: 'registerNumber', value } }))).toEqual({
        code: 'client.invalid_argument',
        field,
      });
    }
  });
});
