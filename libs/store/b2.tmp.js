const { openSqliteLedgerStore, scanMeterEventBatch } = require('./dist');
const { MeterEventBatch } = require('@ndxp/contracts');
const crypto = require('crypto');
const fs = require('fs');
const N = 500000;
try { fs.rmSync('/tmp/h8/b2', { recursive: true }) } catch {}
fs.mkdirSync('/tmp/h8/b2');
const store = openSqliteLedgerStore('/tmp/h8/b2/l.sqlite');
const routes = [['TINH-01-LGSP','BO-BKHDT-DKDN','GetEnterprise'],['TINH-79-LGSP','BO-BTP-HOTICH','GetCivilStatusRecord'],['BO-TC-LGSP','BO-TC-DVQHNS','GetBudgetUnit']];
let n = 0;
function batch(k) {
  const events = [];
  for (let i = 0; i < k; i++, n++) {
    const r = routes[n % 3]; const t = 1609459200000 + n * 400;
    events.push({ requestId: `seed-abcd-${n.toString(36).padStart(8,'0')}`, consumer: r[0], provider: r[1], service: r[2], version: 'v1', outcome: 1, code: 'ok', officer: `can-bo-${n%500}`, purpose: `HS-${n%997}`, receivedAtMs: t, durationUs: 30000 + n % 5000, requestBytes: 200, responseBytes: 1200, routingInstance: 'seed-abcd', traceId: '', forwardedAtMs: t+1, answeredAtMs: t+31, respondedAtMs: t+32, adapterInstance: 'dkdn-seed' });
  }
  return MeterEventBatch.encode({ events }).finish();
}
const datas = []; for (let i = 0; i < N / 4000; i++) datas.push(batch(4000));
(async () => {
  let c0 = process.cpuUsage();
  const scanned = datas.map(d => scanMeterEventBatch(d).events);
  let c = process.cpuUsage(c0); console.log('scan µs/ev', ((c.user + c.system) / N).toFixed(2));
  const all = scanned.flat();
  c0 = process.cpuUsage();
  let prev = Buffer.alloc(32); const { chainHashOfBytes } = require('./dist/ledger-chain-encoding');
  for (let i = 0; i < all.length; i++) prev = chainHashOfBytes(prev, i + 1, all[i].bytes);
  c = process.cpuUsage(c0); console.log('hash µs/ev', ((c.user + c.system) / N).toFixed(2));
  c0 = process.cpuUsage();
  for (let i = 0; i < all.length; i += 10000) await store.appendEncoded(all.slice(i, i + 10000));
  c = process.cpuUsage(c0); console.log('append µs/ev', ((c.user + c.system) / N).toFixed(2));
  const d = Buffer.alloc(280, 7); c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) crypto.hash('sha256', d, 'buffer');
  c = process.cpuUsage(c0); console.log('crypto.hash µs', ((c.user + c.system) / N).toFixed(2));
  c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) crypto.createHash('sha256').update(d).digest();
  c = process.cpuUsage(c0); console.log('createHash µs', ((c.user + c.system) / N).toFixed(2));
})();
