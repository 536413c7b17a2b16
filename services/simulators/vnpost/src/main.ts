// Entry point: serves the simulated Vietnam Post public-service API until SIGTERM/SIGINT.
import { createLogger, handleHelp, runService } from '@ndxp/runtime';
import { loadConfig } from './config';
import { startSimulator } from './server';

const HELP = `simulator-vnpost: Vietnam Post's public-service postal system (bưu chính công ích), REST/JSON

  POST /bccI/v1/don-hang                create an order (idempotent by maKhachHang + soDonHang):
                                        201 new, 200 existing, 400 {maLoi, truong, thongBao}
  GET  /bccI/v1/don-hang/{soHieu}       the order and its history {donHang, lichSu}, 404 unknown
  POST /bccI/v1/don-hang/{soHieu}/huy   cancel {lyDo}: 200, 409 once delivered, 404 unknown
  POST /bccI/v1/cuoc                    quote {tinhGui, tinhNhan, khoiLuong, loaiDichVu, tienThuHo}
  GET  /bccI/v1/thay-doi?sau=N&gioiHan=M  the feed of state changes after position N
  GET  /healthz

Orders move registered → collecting → delivered, one step every SIM_STEP_MS.

Environment:
  SIM_HOST        listen address (default 127.0.0.1)
  SIM_PORT        port, 0 = a free one (default 8084)
  SIM_SEED        seeds the item numbers (default empty: a random start each run)
  SIM_STEP_MS     time per state step, 0 = orders never move (default 2000)
  SIM_LATENCY_MS  latency added to each answer (default 0)
  SIM_ERROR_RATE  fraction 0..1 of requests answered 503 (default 0)
  LOG_LEVEL       pino level (default info)`;

handleHelp(process.argv, HELP);

runService('simulator-vnpost', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'simulator-vnpost', level: config.logLevel });
  const sim = await startSimulator({
    host: config.host,
    port: config.port,
    seed: config.seed,
    stepMs: config.stepMs,
    latencyMs: config.latencyMs,
    errorRate: config.errorRate,
    logger,
  });
  logger.info({ port: sim.port, url: sim.url, stepMs: config.stepMs, seed: config.seed }, 'ready');
  return { logger, stoppers: [() => sim.close()] };
});
