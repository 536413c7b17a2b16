// One Vietnam Post order request for the tests that create orders (adapter, end-to-end): a result
// delivery from a public-service centre in Đà Nẵng, varied per test by overrides.
import { OrderKind, type CreateOrderRequest } from '@ndxp/contracts';

/** A valid CreateOrderRequest numbered `orderNumber`, with `over` replacing whole fields. */
export function sampleOrderRequest(orderNumber: string, over: Partial<CreateOrderRequest> = {}): CreateOrderRequest {
  return {
    customerCode: 'KH-DN-001',
    orderNumber,
    kind: OrderKind.ORDER_KIND_RESULT_DELIVERY,
    sender: { name: 'UBND TP Đà Nẵng', phone: '02363821234', email: '', province: '48', district: 'Hải Châu', address: '24 Trần Phú' },
    receiver: { name: 'Nguyễn Văn Nam', phone: '0905123456', email: '', province: '48', district: 'Sơn Trà', address: '12 Ngô Quyền' },
    description: 'Kết quả thủ tục hành chính',
    codAmountVnd: 0,
    agencyCode: 'G12-DN',
    agencyName: 'Trung tâm Phục vụ hành chính công TP Đà Nẵng',
    dossierCode: 'G12.99-211126-0001',
    weightGrams: 300,
    ...over,
  };
}
