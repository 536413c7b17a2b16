// Entry point: serves the simulated national budget-unit code API (mã số ĐVQHNS) until SIGTERM/SIGINT.
import { createLogger, handleHelp, runService } from '@ndxp/runtime';
import { loadConfig } from './config';
import { createDataset } from './dataset';
import { startSimulator } from './server';

const HELP = `simulator-budget-units: the Ministry of Finance's budget-unit code API (mã số ĐVQHNS), REST/JSON

  GET /msns/v1/don-vi/{maSo}     200 unit, 404 unknown, 400 malformed code
  GET /msns/v1/don-vi?ten=&coQuanChuQuan=&trang=1&kichThuoc=20
                                 200 { tongSo, trang, kichThuoc, duLieu }, 400 bad trang/kichThuoc (1..100)
  GET /healthz

Environment:
  SIM_HOST        listen address (default 127.0.0.1)
  SIM_PORT        port, 0 = a free one (default 0)
  SIM_SEED        data seed (default ndxp-2021)
  SIM_SIZE        number of units, 1..500000 (default 50000)
  SIM_LATENCY_MS  latency added to each answer (default 0)
  SIM_ERROR_RATE  fraction 0..1 of requests answered 503 (default 0)
  LOG_LEVEL       pino level (default info)`;

handleHelp(process.argv, HELP);

runService('simulator-budget-units', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'simulator-budget-units', level: config.logLevel });
  const dataset = createDataset({ seed: config.seed, size: config.size });
  const sim = await startSimulator({
    dataset,
    host: config.host,
    port: config.port,
    latencyMs: config.latencyMs,
    errorRate: config.errorRate,
    logger,
  });
  logger.info({ port: sim.port, url: sim.url, units: dataset.size, seed: config.seed }, 'ready');
  return { logger, stoppers: [() => sim.close()] };
});
