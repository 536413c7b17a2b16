// Public entry of @ndxp/simulator-kit: what every national-system simulator shares.
export { createRng, hashSeed, mixSeed } from './prng';
export type { Rng } from './prng';
export { PROVINCES, provinceByCode, provinceLabel } from './provinces';
export type { Province } from './provinces';
