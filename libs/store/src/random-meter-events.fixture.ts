// Meter events for the store's tests: random ones (non-ASCII, surrogate halves and long strings,
// fractional, negative and large numbers) and a way to change a stored record behind the store's back.
import { MeterEvent } from '@ndxp/contracts';
import type Database from 'better-sqlite3';
import { canonicalBytes } from './ledger-chain-encoding';
import { protoCanonicalBytes } from './sqlite-ledger-chain';

let seed = 7;

/** Restarts the random sequence (each test file gets the same events). */
export function reseed(value = 7): void {
  seed = value;
}

export function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
}

const ALPHABET = ['a', 'Z', '0', '-', 'ệ', 'Đ', '€', '😀', '\ud800', ' ', '\u0000'];
export function randomString(): string {
  const r = random();
  if (r < 0.15) return '';
  const n = r < 0.7 ? Math.floor(random() * 20) : Math.floor(random() * 300);
  let s = '';
  for (let i = 0; i < n; i++) s += random() < 0.8 ? 'abcdefgh'[Math.floor(random() * 8)] : ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s;
}

export function randomNumber(): number {
  const pick = Math.floor(random() * 9);
  switch (pick) {
    case 0:
      return 0;
    case 1:
      return Math.floor(random() * 128);
    case 2:
      return Math.floor(random() * 2 ** 31);
    case 3:
      return Date.UTC(2021, 0, 1) + Math.floor(random() * 3e10);
    case 4:
      return -Math.floor(random() * 2 ** 40);
    case 5:
      return random() * 1e6; // fractional: truncated
    case 6:
      return Math.floor(random() * Number.MAX_SAFE_INTEGER);
    case 7:
      return -1;
    default:
      return 2 ** 32 + Math.floor(random() * 1000);
  }
}

export function randomEvent(): MeterEvent {
  return {
    requestId: randomString(),
    consumer: randomString(),
    provider: randomString(),
    service: randomString(),
    version: randomString(),
    outcome: [0, 1, 2, 3, -1][Math.floor(random() * 5)]!,
    code: randomString(),
    officer: randomString(),
    purpose: randomString(),
    receivedAtMs: randomNumber(),
    durationUs: randomNumber(),
    requestBytes: randomNumber(),
    responseBytes: randomNumber(),
    routingInstance: randomString(),
    traceId: randomString(),
    forwardedAtMs: randomNumber(),
    answeredAtMs: randomNumber(),
    respondedAtMs: randomNumber(),
    adapterInstance: randomString(),
    // Routing's mark, which the ledger neither keeps nor hashes: either value must give the same chain.
    quotaTaken: random() < 0.5,
  };
}

/** Replaces the stored event of record seq with change(event), as someone editing the file would. */
export function rewriteStoredEvent(raw: Database.Database, seq: number, change: (e: MeterEvent) => MeterEvent): void {
  const row = raw.prepare(`SELECT event FROM ledger WHERE seq = ?`).get(seq) as { event: Buffer } | undefined;
  if (!row) throw new Error(`no record at seq ${seq}`);
  const changed = change(MeterEvent.decode(row.event));
  raw.prepare(`UPDATE ledger SET event = ? WHERE seq = ?`).run(canonicalBytes(changed, protoCanonicalBytes), seq);
}
