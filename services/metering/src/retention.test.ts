import { MeterEvent, UsageQuery } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { openSqliteLedgerStore } from '@ndxp/store';
import { startRetention } from './retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 30, 12);
const logger = createLogger({ service: 'retention-test', level: 'silent' });
const ev = (id: string, ageDays: number): MeterEvent =>
  MeterEvent.fromPartial({
    requestId: id,
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    receivedAtMs: NOW - ageDays * DAY,
  });

describe('ledger retention', () => {
  it('purges raw rows older than the retention days at start and keeps usage totals', async () => {
    const store = openSqliteLedgerStore(':memory:');
    await store.append([ev('a', 40), ev('b', 31), ev('c', 29), ev('d', 1)]);
    const retention = startRetention({ store, logger, days: 30, intervalMs: 60_000, now: () => NOW });
    expect(await retention.runOnce()).toBe(0); // the start-up purge already took the two old rows
    await retention.stop();
    expect(await store.getTransaction('a')).toBeUndefined();
    expect(await store.getTransaction('b')).toBeUndefined();
    expect(await store.getTransaction('c')).toBeDefined();
    expect((await store.usage(UsageQuery.fromPartial({}))).total).toBe(4);
    await store.close();
  });

  it('does nothing when retention is 0 days', async () => {
    const store = openSqliteLedgerStore(':memory:');
    await store.append([ev('a', 4000)]);
    const retention = startRetention({ store, logger, days: 0, intervalMs: 1_000, now: () => NOW });
    expect(await retention.runOnce()).toBe(0);
    await retention.stop();
    expect(await store.getTransaction('a')).toBeDefined();
    await store.close();
  });
});
