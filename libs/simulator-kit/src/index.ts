// Public entry of @ndxp/simulator-kit: what every national-system simulator shares.
export { createRng, hashSeed, mixSeed, pickWeighted } from './prng';
export type { Rng } from './prng';
export { provinceLabel, provinceRegion } from './provinces';
export type { Region } from './provinces';
export { envFraction, loadSimulatorSettings, settingsHelp } from './settings';
export type { IntSetting, SettingsOf, SimulatorDefaults, SimulatorSettings } from './settings';
export { runSimulator, simulatorHelp } from './run-simulator';
export type { SimulatorDefinition, StartedSimulator } from './run-simulator';
export { PLACE_NAMES, STREETS, SURNAMES } from './vocabulary';
export { sendJson, sendText, startSimulatorHttp } from './http-server';
export type { DatasetSimulatorOptions, Simulate, SimulatorHttpOptions, SimulatorHttpServer, SimulatorServerOptions } from './http-server';
export { withSimulator } from './simulator-harness';
export type { JsonAnswer, RunningSimulator, SimulatorClient, SimulatorHarness, TestHooks } from './simulator-harness';
export { DEFAULT_DATASET_SEED, seedDataset, spreadEvenly } from './dataset';
export type { DatasetOptions, DatasetSeed, SeededDataset } from './dataset';
