// Demo step: a province orders Vietnam Post to deliver a dossier result and follows the order's
// state changes, which reach the province as durable events while the order moves on.
import { CollectionStatus, OrderKind, type OrderStatusChanged } from '@ndxp/contracts';
import { createClient, type ClientOptions } from '@ndxp/lgsp-client';

const STATUS_TEXT: Record<number, string> = {
  [CollectionStatus.COLLECTION_STATUS_REGISTERED]: 'registered',
  [CollectionStatus.COLLECTION_STATUS_COLLECTING]: 'collecting',
  [CollectionStatus.COLLECTION_STATUS_DELIVERED]: 'delivered',
  [CollectionStatus.COLLECTION_STATUS_CANCELLED]: 'cancelled',
};

/** The LGSP the walkthrough speaks for (Đà Nẵng). */
export const WALKTHROUGH_CONSUMER = 'TINH-48-LGSP';

/**
 * Creates one order as TINH-48-LGSP (Đà Nẵng) and prints its events until delivered (or timeout);
 * `connection` says how that LGSP connects (servers, its creds file, TLS).
 */
export async function runOrderWalkthrough(
  connection: Omit<ClientOptions, 'consumer'>,
  write: (s: string) => void,
  timeoutMs = 20_000,
): Promise<number> {
  const danang = await createClient({ ...connection, consumer: WALKTHROUGH_CONSUMER });
  try {
    const order = await danang.vnpost.createOrder({
      customerCode: 'KH-DANANG-HCC',
      orderNumber: `demo-${Date.now()}`,
      kind: OrderKind.ORDER_KIND_RESULT_DELIVERY,
      sender: {
        name: 'Trung tâm Phục vụ hành chính công',
        phone: '02363821234',
        email: '',
        province: '48',
        district: 'Hải Châu',
        address: '24 Trần Phú',
      },
      receiver: { name: 'Nguyễn Văn Nam', phone: '0905123456', email: '', province: '48', district: 'Sơn Trà', address: '12 Ngô Quyền' },
      description: 'Trả kết quả thủ tục hành chính',
      codAmountVnd: 0,
      agencyCode: 'G12-DN',
      agencyName: 'Trung tâm Phục vụ hành chính công TP Đà Nẵng',
      dossierCode: `G12.99-${new Date().toISOString().slice(2, 10).replace(/-/g, '')}-0001`,
      weightGrams: 300,
    });
    write(`  TINH-48-LGSP created order ${order.orderNumber}: item ${order.itemNumber}, postage ${order.postageVnd} VND\n`);
    let delivered = false;
    let events = 0;
    const done = new Promise<void>((resolve) => {
      void danang.vnpost
        .subscribeOrderEvents((e: OrderStatusChanged) => {
          if (e.itemNumber !== order.itemNumber) return;
          events++;
          write(
            `  event ${e.sequence}: ${STATUS_TEXT[e.event?.status ?? 0] ?? 'unknown'} — ${e.event?.message ?? ''} (${e.event?.time ?? ''})\n`,
          );
          if (e.event?.status === CollectionStatus.COLLECTION_STATUS_DELIVERED) {
            delivered = true;
            resolve();
          }
        })
        .then((sub) => done.finally(() => sub.stop()));
    });
    await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs))]);
    if (!delivered) write(`  (stopped waiting after ${timeoutMs / 1000} s with ${events} events)\n`);
    return events;
  } finally {
    await danang.close();
  }
}
