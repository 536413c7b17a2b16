// Entry point: serves the simulated national Business Registration API until SIGTERM/SIGINT.
import { DEFAULT_DATASET_SEED, runSimulator } from '@ndxp/simulator-kit';
import { createDataset, DEFAULT_SIZE } from './dataset';
import { startSimulator } from './server';

runSimulator({
  name: 'simulator-business-registration',
  about: `the national Business Registration Database's REST/JSON API

  GET /dkdn/v1/enterprises/{taxCode}   200 record, 404 unknown, 400 malformed code
  GET /healthz`,
  settings: { seed: DEFAULT_DATASET_SEED, size: { default: DEFAULT_SIZE, max: 5_000_000, meaning: 'number of enterprises' } },
  start: async (settings, logger) => {
    const dataset = createDataset({ seed: settings.seed, size: settings.size });
    return { server: await startSimulator({ ...settings, dataset, logger }), ready: { records: dataset.count } };
  },
});
