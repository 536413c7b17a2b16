// Public entry of the budget-unit codes adapter: its definition (runAdapter / startAdapter), and its pure parts.
export { budgetUnitsAdapter, ADAPTER_VERSION } from './adapter';
export { mapBudgetUnit, mapSearchPage, mapKind, mapLevel, mapStatus } from './mapper';
export type { MappedPage } from './mapper';
export { encodePageToken, decodePageToken } from './page-token';
export type { SearchKey } from './page-token';
export { resolveSearch, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './search-request';
export type { ResolvedSearch } from './search-request';
