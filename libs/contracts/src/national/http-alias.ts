// A national service's further path on the HTTP/JSON edge, as the national platform names it today:
// its path, and where its bodies differ from the mesh's (proto3 JSON) ones, the platform's field
// names and answer envelope, so that an LGSP configured for the platform switches by base URL alone.
import { MeshError } from '../mesh-error';

/** One alias of a national service, set per system as data. */
export interface HttpAlias {
  /** POST path, `/{api context}/{version}/{operation}`. */
  path: string;
  /** The platform's names of request fields, each to the mesh's proto3 JSON name: `{ msdn: 'taxCode' }`. */
  requestNames?: Readonly<Record<string, string>>;
  /** Where the platform's answer holds the record: `['Data', 'MainInformation']`; at the top when absent. */
  answerAt?: readonly string[];
  /** The platform's names of answer fields, from the mesh's proto3 JSON name: `{ nameVi: 'NAME' }`. */
  answerNames?: Readonly<Record<string, string>>;
}

/**
 * The mesh's request (proto3 JSON) from a body sent to an alias: each platform name becomes the
 * mesh's; client.malformed when a body sends a field under both names.
 */
export function meshRequestOf(alias: HttpAlias, body: Record<string, unknown>): Record<string, unknown> {
  const names = alias.requestNames;
  if (!names) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const mesh = names[key] ?? key;
    if (mesh in out)
      throw new MeshError('client.malformed', `the body sends ${mesh} twice: as ${key} and as ${mesh}; send one`, { field: key });
    out[mesh] = value;
  }
  return out;
}

/** The body an alias answers: the mesh's answer (proto3 JSON) with the platform's names, in its envelope. */
export function aliasAnswerOf(alias: HttpAlias, answer: unknown): unknown {
  let record = answer;
  const names = alias.answerNames;
  if (names && typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
    record = Object.fromEntries(Object.entries(answer).map(([key, value]) => [names[key] ?? key, value]));
  }
  return (alias.answerAt ?? []).reduceRight<unknown>((inner, key) => ({ [key]: inner }), record);
}
