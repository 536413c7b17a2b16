// The one logger factory: pino, JSON lines, personal data redacted.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Field names that carry personal data anywhere in a log record; their values are censored. */
export const PERSONAL_FIELDS = [
  'fullName',
  'full_name',
  'name',
  'nameVi',
  'personalId',
  'personalIdNumber',
  'idNumber',
  'cccd',
  'address',
  'headOffice',
  'legalRepresentative',
  'phone',
  'email',
  'officer',
] as const;

const redactPaths = PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Creates the root logger of a service (JSON lines on stdout, or on `destination`). */
export function createLogger(options: { service: string; level?: string; instanceId?: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, instance: options.instanceId ?? `${options.service}-${process.pid}` },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
