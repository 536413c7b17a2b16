// Checks the fields of a SearchBudgetUnitsRequest and resolves its defaults, before any upstream call.
import { MeshError, type SearchBudgetUnitsRequest } from '@ndxp/contracts';
import { decodePageToken, type SearchKey } from './page-token';

/** Page size when the request asks for 0. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page size a consumer may ask for. */
export const MAX_PAGE_SIZE = 100;
/** Longest name fragment or managing authority accepted. */
export const MAX_TEXT_LENGTH = 200;

/** A checked search: what to ask upstream. */
export interface ResolvedSearch extends SearchKey {
  /** 1-based upstream page. */
  page: number;
}

const invalid = (field: string, reason: string): MeshError => new MeshError('client.invalid_argument', reason, { field });

/** page_size 0 → 20, 1..100 kept, anything else refused; texts trimmed and NFC; the token decoded. */
export function resolveSearch(request: SearchBudgetUnitsRequest): ResolvedSearch {
  const size = request.pageSize;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw invalid('page_size', `page_size must be 0 (meaning ${DEFAULT_PAGE_SIZE}) to ${MAX_PAGE_SIZE}, got ${size}`);
  }
  const nameContains = request.nameContains.normalize('NFC').trim();
  const managingAuthority = request.managingAuthority.normalize('NFC').trim();
  if (nameContains.length > MAX_TEXT_LENGTH) {
    throw invalid('name_contains', `name_contains is longer than ${MAX_TEXT_LENGTH} characters`);
  }
  if (managingAuthority.length > MAX_TEXT_LENGTH) {
    throw invalid('managing_authority', `managing_authority is longer than ${MAX_TEXT_LENGTH} characters`);
  }
  const key: SearchKey = { nameContains, managingAuthority, pageSize: size === 0 ? DEFAULT_PAGE_SIZE : size };
  return { ...key, page: decodePageToken(request.pageToken, key) };
}
