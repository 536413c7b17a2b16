// A conditional write to a JetStream key-value bucket that lost the race: the key is no longer at
// the revision the write expected (another replica wrote it first). Both shared stores of routing
// (replay claims, quota leases) read the answer this way.
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';

/** JetStream's error codes for "wrong last sequence" on a conditional write. */
const WRONG_LAST_SEQUENCE = new Set<number>([JetStreamApiCodes.StreamWrongLastSequence, JetStreamApiCodes.StreamWrongLastSequenceUnknown]);

/** Whether an error code of a publish acknowledgement means the write lost the race. */
export function isWrongRevisionCode(errCode: number | undefined): boolean {
  return WRONG_LAST_SEQUENCE.has(errCode ?? 0);
}

/** Whether a thrown JetStream error (a key-value put with previousSeq) means the write lost the race. */
export function isWrongRevision(err: unknown): boolean {
  return err instanceof JetStreamApiError && isWrongRevisionCode(err.code);
}
