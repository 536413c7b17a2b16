// The enterprise data every system looks up: the Business Registration simulator's deterministic
// dataset (the mesh's adapter serves the same one from memory-adapter-main), mapped to the proto by
// the mesh adapter's own mapper, so the ceiling and the peer do exactly the adapter's work.
import { mapEnterprise } from '@ndxp/adapter-business-registration';
import type { Enterprise } from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED } from '@ndxp/simulator-business-registration';

/** Seed of the dataset: the simulator's default (its default size, 50000, is --dataset-size's). */
export const DATASET_SEED: string | number = DEFAULT_SEED;

/** What the ceiling and peer adapters need from the data set. */
export interface EnterpriseLookup {
  get(taxCode: string): Enterprise | undefined;
  sampleTaxCodes(n: number): string[];
}

/** Builds the lookup over the simulator's dataset of `size` enterprises from `seed`. */
export function createLookup(options: { seed: string | number; size: number }): EnterpriseLookup {
  const dataset = createDataset(options);
  return {
    get: (taxCode) => {
      const record = dataset.get(taxCode);
      return record ? mapEnterprise(record) : undefined;
    },
    sampleTaxCodes: (n) => dataset.sampleTaxCodes(n),
  };
}
