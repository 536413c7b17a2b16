// The NATS micro JSON schemas (vendored from nats-io/jsm.go, see nats-micro-schemas/SOURCE.md) as
// an ajv validator, and a helper that gathers every answer to one $SRV request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoRespondersError, RequestError, type NatsConnection } from '@nats-io/nats-core';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The three verbs of the NATS service API. */
export type MicroVerb = 'PING' | 'INFO' | 'STATS';

/** Beside src/ and dist/, so the same path holds for both. */
const SCHEMA_DIR = join(__dirname, '..', 'nats-micro-schemas');
const FILES: Record<MicroVerb, string> = { PING: 'ping_response.json', INFO: 'info_response.json', STATS: 'stats_response.json' };

let validators: Record<MicroVerb, ValidateFunction> | undefined;

function compiled(): Record<MicroVerb, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const compile = (verb: MicroVerb) => ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, FILES[verb]), 'utf8')) as object);
    validators = { PING: compile('PING'), INFO: compile('INFO'), STATS: compile('STATS') };
  }
  return validators;
}

/** What is wrong with a $SRV answer by the official schema of its verb, one line each; [] when valid. */
export function microSchemaErrors(verb: MicroVerb, answer: unknown): string[] {
  const validate = compiled()[verb];
  if (validate(answer)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/**
 * Sends `$SRV.<verb>` (or `$SRV.<verb>.<name>`) and gathers every answer that arrives within
 * `waitMs` (default 1500), parsed as JSON; [] when no service answers at all.
 */
export async function gatherSrvAnswers(
  nc: NatsConnection,
  verb: MicroVerb,
  options: { name?: string; waitMs?: number } = {},
): Promise<unknown[]> {
  const subject = options.name ? `$SRV.${verb}.${options.name}` : `$SRV.${verb}`;
  const answers: unknown[] = [];
  try {
    for await (const msg of await nc.requestMany(subject, undefined, { strategy: 'timer', maxWait: options.waitMs ?? 1500 })) {
      answers.push(msg.json());
    }
  } catch (err) {
    const noResponders = err instanceof NoRespondersError || (err instanceof RequestError && err.isNoResponders());
    if (!noResponders) throw err;
  }
  return answers;
}
