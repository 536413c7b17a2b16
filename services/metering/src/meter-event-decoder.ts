// Turning a JetStream message body into meter events for the ledger (their bytes and the fields the
// ledger counts, see @ndxp/store's meter-event-wire), or a reason why it is poison.
import { METER_BATCH_PREFIX, subjects } from '@ndxp/contracts';
import { scanMeterEvent, scanMeterEventBatch, type ScannedMeterEvents } from '@ndxp/store';

/** Prefix of seed-history's batches (ndxp.meter._seed.<run>): decoded and ledgered as routing's. */
const METER_SEED_PREFIX = subjects.meterSeed('');

/** Whether a meter subject carries a MeterEventBatch (routing's _batch or seed-history's _seed). */
export function isBatchSubject(subject: string): boolean {
  return subject.startsWith(METER_BATCH_PREFIX) || subject.startsWith(METER_SEED_PREFIX);
}

/**
 * Reads one stream message: a MeterEventBatch on ndxp.meter._batch.<instance> (routing's form) or
 * ndxp.meter._seed.<run> (seed-history's), a single MeterEvent on any other meter subject. Every
 * event must carry a request id, consumer, provider and service; a batch with one bad event is
 * poison as a whole.
 */
export function decodeMeterMessage(subject: string, data: Uint8Array): ScannedMeterEvents {
  return isBatchSubject(subject) ? scanMeterEventBatch(data) : scanMeterEvent(data);
}
