// The simulator's orders: created idempotently by (maKhachHang, soDonHang), moved through their
// states by a timer, cancelled until delivered, and every change appended to one global feed.
import { randomInt, randomUUID } from 'node:crypto';
import { itemNumber } from '@ndxp/contracts';
import { STATE_EVENTS, type ChangeEntry, type OrderInput, type OrderRecord, type OrderState, type StatusEvent } from './order';
import { hashSeed } from './seed';
import { quote } from './tariff';

/** How orders behave. */
export interface OrderBookOptions {
  /** Seeds the first serial, so the same seed issues the same item numbers; '' = a random start. */
  seed: string;
  /** Time per step registered → collecting → delivered; 0 = only advance() moves orders. */
  stepMs: number;
  /** Clock (default Date.now). */
  now?: () => number;
}

/** The outcome of a cancellation. */
export type CancelOutcome = { kind: 'cancelled'; order: OrderRecord } | { kind: 'delivered'; order: OrderRecord } | { kind: 'not_found' };

/** The orders of the simulated national system. */
export interface OrderBook {
  /** Creates an order, or returns the existing one with the same (maKhachHang, soDonHang). */
  create(input: OrderInput): { order: OrderRecord; created: boolean };
  cancel(soHieu: string, lyDo: string): CancelOutcome;
  get(soHieu: string): { order: OrderRecord; history: StatusEvent[] } | undefined;
  /** Moves an order one step forward; false when it is delivered, cancelled or unknown. */
  advance(soHieu: string): boolean;
  /** Changes with thuTu > after, at most limit of them, in order. */
  changes(after: number, limit: number): ChangeEntry[];
  /** Identifies this run of the feed (a restarted simulator numbers its changes from 1 again). */
  readonly epoch: string;
  /** thuTu of the newest change (0 when none). */
  readonly lastSequence: number;
  readonly size: number;
  /** Stops the timers. */
  close(): void;
}

const PREFIX_BY_KIND: Readonly<Record<1 | 2 | 3, string>> = { 1: 'EA', 2: 'EB', 3: 'EC' };

/** Makes an empty order book. */
export function createOrderBook(options: OrderBookOptions): OrderBook {
  const now = options.now ?? Date.now;
  const orders = new Map<string, { order: OrderRecord; history: StatusEvent[] }>();
  const byOrderNumber = new Map<string, string>();
  const feed: ChangeEntry[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  const start = options.seed === '' ? randomInt(80_000_000) : hashSeed(options.seed) % 80_000_000;
  let nextSerial = 10_000_000 + start;
  // Identifies this run of the feed: positions restart from 1 when the simulator restarts.
  const epoch = randomUUID();
  let closed = false;

  const record = (entry: { order: OrderRecord; history: StatusEvent[] }, state: OrderState, extra = ''): void => {
    const { order, history } = entry;
    order.trangThai = state;
    const base = STATE_EVENTS[state];
    const event: StatusEvent = {
      stt: history.length + 1,
      trangThai: state,
      ma: base.ma,
      moTa: extra ? `${base.moTa}: ${extra}` : base.moTa,
      thoiGian: new Date(now()).toISOString(),
    };
    history.push(event);
    feed.push({
      ...event,
      thuTu: feed.length + 1,
      soHieuBuuGui: order.soHieuBuuGui,
      soDonHang: order.soDonHang,
      maKhachHang: order.maKhachHang,
      maHoSo: order.maHoSo,
      thamChieu: order.thamChieu,
    });
  };

  const schedule = (soHieu: string): void => {
    if (options.stepMs <= 0 || closed) return;
    const timer = setTimeout(() => {
      timers.delete(soHieu);
      if (advance(soHieu) && orders.get(soHieu)!.order.trangThai < 3) schedule(soHieu);
    }, options.stepMs);
    timer.unref();
    timers.set(soHieu, timer);
  };

  function advance(soHieu: string): boolean {
    const entry = orders.get(soHieu);
    if (!entry || entry.order.trangThai >= 3) return false;
    record(entry, (entry.order.trangThai + 1) as OrderState);
    return true;
  }

  return {
    create(input) {
      const key = `${input.maKhachHang}\u0000${input.soDonHang}`;
      const existing = byOrderNumber.get(key);
      if (existing) return { order: orders.get(existing)!.order, created: false };
      const price = quote({
        fromProvince: input.nguoiGui.tinh,
        toProvince: input.nguoiNhan.tinh,
        weightGrams: input.khoiLuong,
        kind: input.loaiDichVu,
        codVnd: input.tienThuHo,
      });
      const soHieuBuuGui = itemNumber(PREFIX_BY_KIND[input.loaiDichVu], nextSerial++ % 100_000_000);
      const order: OrderRecord = {
        ...input,
        soHieuBuuGui,
        trangThai: 1,
        cuocPhi: price.postageVnd,
        phiThuHo: price.codFeeVnd,
        ngayTao: new Date(now()).toISOString(),
      };
      const entry = { order, history: [] };
      orders.set(soHieuBuuGui, entry);
      byOrderNumber.set(key, soHieuBuuGui);
      record(entry, 1);
      schedule(soHieuBuuGui);
      return { order, created: true };
    },
    cancel(soHieu, lyDo) {
      const entry = orders.get(soHieu);
      if (!entry) return { kind: 'not_found' };
      if (entry.order.trangThai === 3) return { kind: 'delivered', order: entry.order };
      // Cancelling a cancelled order is a no-op: a retried cancel must not add a second event.
      if (entry.order.trangThai !== 4) {
        clearTimeout(timers.get(soHieu));
        timers.delete(soHieu);
        record(entry, 4, lyDo.trim());
      }
      return { kind: 'cancelled', order: entry.order };
    },
    get: (soHieu) => orders.get(soHieu),
    advance,
    changes: (after, limit) => feed.slice(Math.max(0, after), Math.max(0, after) + limit),
    epoch,
    get lastSequence() {
      return feed.length;
    },
    get size() {
      return orders.size;
    },
    close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
