// A source of national records in this process: the Business Registration simulator's dataset, so a
// benchmark or test measures the mesh and not an extra HTTP hop (never part of the production adapter).
import type { EnterpriseSource } from '@ndxp/adapter-business-registration';
import { MeshError } from '@ndxp/contracts';
import type { Dataset } from '@ndxp/simulator-business-registration';

/** Answers each code from `dataset`, client.not_found when it holds none (as the simulator's 404 maps). */
export function memorySource(dataset: Dataset): EnterpriseSource {
  return {
    lookup: (taxCode) => {
      const record = dataset.get(taxCode);
      return record ? Promise.resolve(record) : Promise.reject(new MeshError('client.not_found'));
    },
  };
}
