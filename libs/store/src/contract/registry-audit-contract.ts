// The registry contract for the audit trail: entries append at seq 1, 2, ... on the ledger's hash
// chain over their stored bytes, list in seq order, leave the revision alone, and verify names the
// first record changed or deleted behind the store's back.
import { AuditEntry, type AuditRecord } from '@ndxp/contracts';
import { chainHashOfBytes } from '../ledger-chain-encoding';
import type { RegistryStore } from '../ports';

const GENESIS_HEX = '00'.repeat(32);

/** An audit entry of an ops call granting access, with overrides. */
export function auditEntry(id: string, over: Partial<AuditEntry> = {}): AuditEntry {
  return AuditEntry.fromPartial({
    id,
    atMs: Date.UTC(2021, 9, 1, 8, 0, 0),
    actor: 'ops-hanoi',
    actorRoles: ['ops'],
    via: 'grpc',
    peer: '127.0.0.1:51234',
    action: 'Grant',
    target: 'TINH-01-LGSP BO-BKHDT-DKDN GetEnterprise',
    outcome: 'ok',
    ...over,
  });
}

/** The hash the trail must give a record: the ledger's chain hash over the entry's protobuf bytes. */
function expectedHash(prevHex: string, seq: number, entry: AuditEntry): string {
  return chainHashOfBytes(Buffer.from(prevHex, 'hex'), seq, AuditEntry.encode(entry).finish()).toString('hex');
}

/**
 * Registers the audit trail tests; `ctx` gives the store of the current test, a second instance on
 * its database, and a way to alter the stored trail behind the stores' back.
 */
export function registryAuditContract(ctx: {
  store(): RegistryStore;
  other(): Promise<RegistryStore>;
  tamper(seq: number, change: { entry: Uint8Array } | 'delete'): Promise<void>;
}): void {
  /** Appends n entries a-1..a-n and returns their records. */
  const appendMany = async (store: RegistryStore, n: number): Promise<AuditRecord[]> => {
    const records: AuditRecord[] = [];
    for (let i = 1; i <= n; i++) records.push(await store.appendAudit(auditEntry(`a-${i}`, { atMs: Date.UTC(2021, 9, 1) + i })));
    return records;
  };

  test('an empty trail lists nothing and verifies with tail 0 and the genesis hash', async () => {
    const store = ctx.store();
    expect(await store.listAudit(0, 100)).toEqual({ records: [], tailSeq: 0 });
    expect(await store.verifyAudit()).toEqual({ ok: true, checked: 0, tailSeq: 0, tailHash: GENESIS_HEX });
  });

  test('entries append at seq 1, 2, 3 on one continuous chain over their bytes, list in order and verify', async () => {
    const store = ctx.store();
    const refused = auditEntry('a-2', { outcome: 'refused', code: 'client.access_denied', actorRoles: [] });
    const records = [
      await store.appendAudit(auditEntry('a-1')),
      await store.appendAudit(refused),
      await store.appendAudit(auditEntry('a-3', { via: 'nats', peer: '' })),
    ];
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[1]!.entry).toEqual(refused);
    expect(records[0]!.prevHash).toBe(GENESIS_HEX);
    for (const [i, r] of records.entries()) {
      if (i > 0) expect(r.prevHash).toBe(records[i - 1]!.hash);
      expect(r.hash).toBe(expectedHash(r.prevHash, r.seq, r.entry!));
    }
    const other = await ctx.other();
    expect(await other.listAudit(0, 100)).toEqual({ records, tailSeq: 3 });
    expect(await other.listAudit(1, 2)).toEqual({ records: records.slice(0, 2), tailSeq: 3 });
    expect(await other.listAudit(3, 100)).toEqual({ records: records.slice(2), tailSeq: 3 });
    expect(await other.listAudit(4, 100)).toEqual({ records: [], tailSeq: 3 });
    expect(await other.verifyAudit()).toEqual({ ok: true, checked: 3, tailSeq: 3, tailHash: records[2]!.hash });
    const next = await other.appendAudit(auditEntry('a-4'));
    expect(next).toMatchObject({ seq: 4, prevHash: records[2]!.hash });
    expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 4, tailSeq: 4 });
  });

  test('appending to the audit trail leaves the registry revision alone', async () => {
    const store = ctx.store();
    const before = await store.revision();
    await appendMany(store, 3);
    expect(await store.revision()).toBe(before);
    expect((await store.snapshot()).revision).toBe(before);
  });

  test('an audit entry id already in the trail, or an empty one, is refused with client.invalid_argument and takes no seq', async () => {
    const store = ctx.store();
    await appendMany(store, 2);
    await expect(store.appendAudit(auditEntry('a-1', { action: 'Revoke' }))).rejects.toMatchObject({
      code: 'client.invalid_argument',
      field: 'id',
    });
    await expect(store.appendAudit(auditEntry(''))).rejects.toMatchObject({ code: 'client.invalid_argument', field: 'id' });
    expect(await store.appendAudit(auditEntry('a-3'))).toMatchObject({ seq: 3 });
    expect((await store.listAudit(0, 100)).records.map((r) => r.entry!.action)).toEqual(['Grant', 'Grant', 'Grant']);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 3 });
  });

  test('concurrent appends from two instances take distinct consecutive seqs on one chain', async () => {
    const store = ctx.store();
    const other = await ctx.other();
    const records = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).appendAudit(auditEntry(`c-${i}`))));
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 10, tailSeq: 10 });
  });

  test('an entry whose stored bytes were changed is named "changed" at its seq, with its id', async () => {
    const store = ctx.store();
    await appendMany(store, 4);
    await ctx.tamper(2, { entry: AuditEntry.encode(auditEntry('a-2', { outcome: 'failed' })).finish() });
    expect(await store.verifyAudit()).toMatchObject({
      ok: false,
      problem: 'changed',
      badSeq: 2,
      badRequestId: 'a-2',
      checked: 1,
      tailSeq: 4,
    });
  });

  test('a deleted record is named "deleted" at its seq, the last one included', async () => {
    const store = ctx.store();
    await appendMany(store, 4);
    await ctx.tamper(4, 'delete');
    expect(await store.verifyAudit()).toMatchObject({ ok: false, problem: 'deleted', badSeq: 4, checked: 3 });
    await ctx.tamper(2, 'delete');
    expect(await store.verifyAudit()).toMatchObject({ ok: false, problem: 'deleted', badSeq: 2, checked: 1 });
  });
}
