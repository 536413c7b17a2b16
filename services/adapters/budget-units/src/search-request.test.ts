import { MeshError, SearchBudgetUnitsRequest } from '@ndxp/contracts';
import { encodePageToken } from './page-token';
import { resolveSearch } from './search-request';

const request = (fields: Partial<SearchBudgetUnitsRequest>): SearchBudgetUnitsRequest => SearchBudgetUnitsRequest.fromPartial(fields);

const fieldOf = (fields: Partial<SearchBudgetUnitsRequest>): string | undefined => {
  try {
    resolveSearch(request(fields));
    return undefined;
  } catch (err) {
    return err instanceof MeshError && err.code === 'client.invalid_argument' ? err.field : 'other error';
  }
};

describe('resolveSearch', () => {
  it('gives page size 20 for 0 and keeps 1 to 100', () => {
    expect(resolveSearch(request({}))).toEqual({ nameContains: '', managingAuthority: '', pageSize: 20, page: 1 });
    expect(resolveSearch(request({ pageSize: 1 })).pageSize).toBe(1);
    expect(resolveSearch(request({ pageSize: 100 })).pageSize).toBe(100);
  });

  it('refuses a negative page size or one above 100 on page_size', () => {
    for (const pageSize of [-1, -100, 101, 2_000_000_000]) expect([pageSize, fieldOf({ pageSize })]).toEqual([pageSize, 'page_size']);
  });

  it('trims and NFC-normalises the texts', () => {
    const r = resolveSearch(request({ nameContains: '  Trường '.normalize('NFD'), managingAuthority: ' Bộ Y tế ' }));
    expect(r).toMatchObject({ nameContains: 'Trường'.normalize('NFC'), managingAuthority: 'Bộ Y tế' });
  });

  it('refuses texts longer than 200 characters on their field', () => {
    expect(fieldOf({ nameContains: 'a'.repeat(201) })).toBe('name_contains');
    expect(fieldOf({ managingAuthority: 'a'.repeat(201) })).toBe('managing_authority');
  });

  it('reads the page from a token of the same search, page size 0 and 20 being the same search', () => {
    const token = encodePageToken(4, { nameContains: 'x', managingAuthority: '', pageSize: 20 });
    expect(resolveSearch(request({ nameContains: 'x', pageToken: token })).page).toBe(4);
    expect(resolveSearch(request({ nameContains: 'x', pageSize: 20, pageToken: token })).page).toBe(4);
    expect(fieldOf({ nameContains: 'y', pageToken: token })).toBe('page_token');
  });
});
