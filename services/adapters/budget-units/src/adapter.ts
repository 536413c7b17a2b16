// The budget-unit codes adapter: GetBudgetUnit and SearchBudgetUnits on the national system's REST API.
import { bindService, defineAdapter } from '@ndxp/adapter-sdk';
import { BUDGET_UNITS_PROVIDER, getBudgetUnitService, MeshError, searchBudgetUnitsService, validateBudgetUnitCode } from '@ndxp/contracts';
import { mapBudgetUnit, mapSearchPage } from './mapper';
import { encodePageToken } from './page-token';
import { resolveSearch } from './search-request';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

const UNITS_PATH = '/msns/v1/don-vi';

/** GetBudgetUnit and SearchBudgetUnits on the national system's REST API ({BU_UPSTREAM_URL}/msns/v1/don-vi). */
export const budgetUnitsAdapter = defineAdapter({
  name: 'adapter-budget-units',
  provider: BUDGET_UNITS_PROVIDER,
  version: ADAPTER_VERSION,
  description: 'Budget-relationship unit codes (mã số ĐVQHNS), Bộ Tài chính',
  envPrefix: 'BU',
  upstream: { name: 'mã số ĐVQHNS', defaultUrl: 'http://127.0.0.1:8083' },
  services: ({ upstream }) => [
    bindService(getBudgetUnitService, async (request, ctx) => {
      const code = validateBudgetUnitCode(request.code);
      if (!code.valid) throw new MeshError('client.invalid_argument', code.reason, { field: 'code' });
      const res = await upstream.call(ctx, { path: `${UNITS_PATH}/${code.code}` });
      const unit = mapBudgetUnit(res.json());
      if (unit.code !== code.code) throw new MeshError('server.upstream_failure', 'the national system answered another unit');
      return unit;
    }),
    bindService(searchBudgetUnitsService, async (request, ctx) => {
      const search = resolveSearch(request);
      const query = new URLSearchParams({ trang: String(search.page), kichThuoc: String(search.pageSize) });
      if (search.nameContains) query.set('ten', search.nameContains);
      if (search.managingAuthority) query.set('coQuanChuQuan', search.managingAuthority);
      const res = await upstream.call(ctx, { path: `${UNITS_PATH}?${query.toString()}` });
      const { units, total } = mapSearchPage(res.json());
      const more = search.page * search.pageSize < total && units.length > 0;
      return { units, total, nextPageToken: more ? encodePageToken(search.page + 1, search) : '' };
    }),
  ],
});
