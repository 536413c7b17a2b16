import { MeshError, OrderKind, type CreateOrderRequest } from '@ndxp/contracts';
import { normalisePhone, validateCancelOrder, validateCreateOrder, validateItem, validateQuotePostage } from './validate';

const party = { name: 'A', phone: '0912345678', email: '', province: '01', district: '', address: '1 Phố' };
const valid: CreateOrderRequest = {
  customerCode: '',
  orderNumber: 'DH-1',
  kind: OrderKind.ORDER_KIND_DOSSIER_PICKUP,
  sender: party,
  receiver: { ...party, province: '79' },
  description: '',
  codAmountVnd: 0,
  agencyCode: '',
  agencyName: '',
  dossierCode: 'HS-1',
  weightGrams: 0,
};

function fieldOf(f: () => unknown): string {
  try {
    f();
    return 'valid';
  } catch (err) {
    if (!(err instanceof MeshError) || err.code !== 'client.invalid_argument') return 'not client.invalid_argument';
    return err.field ?? '';
  }
}

describe('validateCreateOrder', () => {
  it('accepts a complete order, with UNSPECIFIED kind and zero weight', () => {
    expect(fieldOf(() => validateCreateOrder(valid))).toBe('valid');
    expect(fieldOf(() => validateCreateOrder({ ...valid, kind: OrderKind.ORDER_KIND_UNSPECIFIED }))).toBe('valid');
  });

  it.each([
    [{ orderNumber: '' }, 'order_number'],
    [{ orderNumber: 'x'.repeat(65) }, 'order_number'],
    [{ dossierCode: '' }, 'dossier_code'],
    [{ kind: 9 as OrderKind }, 'kind'],
    [{ sender: undefined }, 'sender'],
    [{ sender: { ...party, name: ' ' } }, 'sender.name'],
    [{ sender: { ...party, phone: '' } }, 'sender.phone'],
    [{ sender: { ...party, phone: '091234567' } }, 'sender.phone'],
    [{ sender: { ...party, phone: '+1 555 0100' } }, 'sender.phone'],
    [{ sender: { ...party, province: '' } }, 'sender.province'],
    [{ sender: { ...party, province: 'Hà Nội' } }, 'sender.province'],
    [{ sender: { ...party, address: '' } }, 'sender.address'],
    [{ receiver: { ...party, phone: 'abc' } }, 'receiver.phone'],
    [{ receiver: { ...party, province: '00' } }, 'receiver.province'],
    [{ weightGrams: -1 }, 'weight_grams'],
    [{ weightGrams: 30_001 }, 'weight_grams'],
    [{ codAmountVnd: -5 }, 'cod_amount_vnd'],
  ] as Array<[Partial<CreateOrderRequest>, string]>)('refuses %j naming %s', (over, field) => {
    expect(fieldOf(() => validateCreateOrder({ ...valid, ...over }))).toBe(field);
  });

  it('accepts the phone forms people type', () => {
    for (const phone of ['0912 345 678', '091.234.5678', '+84912345678', '(024) 3825 3536', '0912-345-678']) {
      expect(fieldOf(() => validateCreateOrder({ ...valid, sender: { ...party, phone } }))).toBe('valid');
    }
    expect(normalisePhone('(024) 3825-3536')).toBe('02438253536');
  });
});

describe('item number, cancel and quote validation', () => {
  it('returns the canonical item number or refuses on item_number', () => {
    expect(validateItem(' ea123456785vn')).toBe('EA123456785VN');
    expect(fieldOf(() => validateItem('EA123456784VN'))).toBe('item_number');
  });

  it('accepts a valid item number issued abroad, and refuses one with a bad check digit whatever its country', () => {
    expect(validateItem('rb473124829sg')).toBe('RB473124829SG');
    expect(validateItem('CP908172638DE')).toBe('CP908172638DE');
    expect(fieldOf(() => validateItem('RB473124828SG'))).toBe('item_number');
    expect(fieldOf(() => validateItem('EA123456784US'))).toBe('item_number');
    expect(validateCancelOrder({ itemNumber: 'EA123456785VN', reason: 'x' })).toBe('EA123456785VN');
    expect(fieldOf(() => validateCancelOrder({ itemNumber: 'EA123456785VN', reason: 'x'.repeat(501) }))).toBe('reason');
  });

  it('refuses a quote with an unknown province or a bad weight', () => {
    const q = { senderProvince: '01', receiverProvince: '79', weightGrams: 100, kind: OrderKind.ORDER_KIND_BOTH, codAmountVnd: 0 };
    expect(fieldOf(() => validateQuotePostage(q))).toBe('valid');
    expect(fieldOf(() => validateQuotePostage({ ...q, senderProvince: 'HN' }))).toBe('sender_province');
    expect(fieldOf(() => validateQuotePostage({ ...q, receiverProvince: '' }))).toBe('receiver_province');
    expect(fieldOf(() => validateQuotePostage({ ...q, weightGrams: 1.5 }))).toBe('weight_grams');
  });
});
