// Entry point: serves the simulated national civil-status SOAP web service until SIGTERM/SIGINT.
import { DEFAULT_DATASET_SEED, runSimulator } from '@ndxp/simulator-kit';
import { createDataset, DEFAULT_SIZE } from './dataset';
import { startSimulator } from './server';

runSimulator({
  name: 'simulator-civil-status',
  about: `the national civil-status system's (hộ tịch, Bộ Tư pháp) SOAP 1.1 web service

  POST /hotich/ws   SOAP envelope with <tracuuSuKienHoTich>: loaiSuKien (KS, KT, KH, XNTTHN) and
                    soDinhDanh, or so + quyenSo + noiDangKy. 200 record; faults: 404 KHONG_TIM_THAY,
                    400 other Client faults, 500 Server faults
  GET  /healthz`,
  settings: {
    seed: DEFAULT_DATASET_SEED,
    size: { default: DEFAULT_SIZE, max: 5_000_000, meaning: 'number of people, each with a birth record' },
    errorMeaning: 'fraction 0..1 of lookups answered HTTP 500 with a Server fault',
  },
  start: async (settings, logger) => {
    const dataset = createDataset({ seed: settings.seed, size: settings.size });
    return { server: await startSimulator({ ...settings, dataset, logger }), ready: { records: dataset.counts } };
  },
});
