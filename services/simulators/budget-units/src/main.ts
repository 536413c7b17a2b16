// Entry point: serves the simulated national budget-unit code API (mã số ĐVQHNS) until SIGTERM/SIGINT.
import { DEFAULT_DATASET_SEED, runSimulator } from '@ndxp/simulator-kit';
import { createDataset, DEFAULT_SIZE, MAX_SIZE } from './dataset';
import { startSimulator } from './server';

runSimulator({
  name: 'simulator-budget-units',
  about: `the Ministry of Finance's budget-unit code API (mã số ĐVQHNS), REST/JSON

  GET /msns/v1/don-vi/{maSo}     200 unit, 404 unknown, 400 malformed code
  GET /msns/v1/don-vi?ten=&coQuanChuQuan=&trang=1&kichThuoc=20
                                 200 { tongSo, trang, kichThuoc, duLieu }, 400 bad trang/kichThuoc (1..100)
  GET /healthz`,
  settings: { seed: DEFAULT_DATASET_SEED, size: { default: DEFAULT_SIZE, max: MAX_SIZE, meaning: 'number of units' } },
  start: async (settings, logger) => {
    const dataset = createDataset({ seed: settings.seed, size: settings.size });
    return { server: await startSimulator({ ...settings, dataset, logger }), ready: { units: dataset.size } };
  },
});
