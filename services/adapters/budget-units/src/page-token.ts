// Opaque page tokens of SearchBudgetUnits: the upstream page number, bound to the query and page size.
import { createHash } from 'node:crypto';
import { MeshError } from '@ndxp/contracts';

/** What a token is bound to: a token is only good for the same query and page size. */
export interface SearchKey {
  nameContains: string;
  managingAuthority: string;
  pageSize: number;
}

const VERSION = 1;

const digest = (text: string, length: number): string => createHash('sha256').update(text).digest('base64url').slice(0, length);
const keyDigest = (key: SearchKey): string => digest(JSON.stringify([key.nameContains, key.managingAuthority, key.pageSize]), 16);
const check = (page: number, q: string): string => digest(`ndxp-bu-page|${VERSION}|${page}|${q}`, 8);

/** The token of upstream page `page` (1-based) of this search: base64url of {v, p, q, c}. */
export function encodePageToken(page: number, key: SearchKey): string {
  const q = keyDigest(key);
  return Buffer.from(JSON.stringify({ v: VERSION, p: page, q, c: check(page, q) })).toString('base64url');
}

const invalid = (reason: string): MeshError => new MeshError('client.invalid_argument', reason, { field: 'page_token' });

/**
 * The upstream page a token names; '' is page 1. A token that does not decode, was altered (its check
 * fails), or was issued for another query or page size is client.invalid_argument on page_token. The
 * check catches tampering and mix-ups; it is not a secret (the page number is not confidential).
 */
export function decodePageToken(token: string, key: SearchKey): number {
  if (token === '') return 1;
  if (token.length > 200 || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid('page_token is not a token this service issued');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('page_token is not a token this service issued');
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid('page_token is not a token this service issued');
  const { v, p, q, c } = parsed as Record<string, unknown>;
  if (v !== VERSION || typeof p !== 'number' || !Number.isSafeInteger(p) || p < 2 || typeof q !== 'string' || typeof c !== 'string') {
    throw invalid('page_token is not a token this service issued');
  }
  if (c !== check(p, q)) throw invalid('page_token was altered');
  if (q !== keyDigest(key)) throw invalid('page_token belongs to another query or page size');
  return p;
}
