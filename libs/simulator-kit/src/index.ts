// Public entry of @ndxp/simulator-kit: what every national-system simulator shares.
export { createRng, hashSeed, mixSeed } from './prng';
export type { Rng } from './prng';
export { provinceLabel, provinceRegion } from './provinces';
export type { Region } from './provinces';
export { envFraction, loadSimulatorSettings } from './settings';
export type { SimulatorDefaults, SimulatorSettings } from './settings';
export { PLACE_NAMES, STREETS, SURNAMES } from './vocabulary';
export { sendJson, sendText, startSimulatorHttp } from './http-server';
export type { Simulate, SimulatorHttpOptions, SimulatorHttpServer, SimulatorServerOptions, CountingSimulator } from './http-server';
