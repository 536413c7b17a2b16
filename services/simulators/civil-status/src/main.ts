// Entry point: serves the simulated national civil-status SOAP web service until SIGTERM/SIGINT.
import { createLogger, handleHelp, runService } from '@ndxp/runtime';
import { loadConfig } from './config';
import { createDataset } from './dataset';
import { startSimulator } from './server';

const HELP = `simulator-civil-status: the national civil-status system's (hộ tịch, Bộ Tư pháp) SOAP 1.1 web service

  POST /hotich/ws   SOAP envelope with <tracuuSuKienHoTich>: loaiSuKien (KS, KT, KH, XNTTHN) and
                    soDinhDanh, or so + quyenSo + noiDangKy. 200 record; faults: 404 KHONG_TIM_THAY,
                    400 other Client faults, 500 Server faults
  GET  /healthz

Environment:
  SIM_HOST        listen address (default 127.0.0.1)
  SIM_PORT        port, 0 = a free one (default 0)
  SIM_SEED        data seed (default ndxp-2021)
  SIM_SIZE        number of people, each with a birth record (default 50000)
  SIM_LATENCY_MS  latency added to each answer (default 0)
  SIM_ERROR_RATE  fraction 0..1 of lookups answered HTTP 500 with a Server fault (default 0)
  LOG_LEVEL       pino level (default info)`;

handleHelp(process.argv, HELP);

runService('simulator-civil-status', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'simulator-civil-status', level: config.logLevel });
  const dataset = createDataset({ seed: config.seed, size: config.size });
  const sim = await startSimulator({
    dataset,
    host: config.host,
    port: config.port,
    latencyMs: config.latencyMs,
    errorRate: config.errorRate,
    logger,
  });
  logger.info({ port: sim.port, url: sim.url, records: dataset.counts, seed: config.seed }, 'ready');
  return { logger, stoppers: [() => sim.close()] };
});
