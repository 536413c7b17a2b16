// Entry point: serves the simulated Vietnam Post public-service API until SIGTERM/SIGINT.
import { runSimulator } from '@ndxp/simulator-kit';
import { startSimulator } from './server';

runSimulator({
  name: 'simulator-vnpost',
  about: `Vietnam Post's public-service postal system (bưu chính công ích), REST/JSON

  POST /bccI/v1/don-hang                create an order (idempotent by maKhachHang + soDonHang):
                                        201 new, 200 existing, 400 {maLoi, truong, thongBao}
  GET  /bccI/v1/don-hang/{soHieu}       the order and its history {donHang, lichSu}, 404 unknown
                                        (also a valid S10 number of another post), 400 not S10
  POST /bccI/v1/don-hang/{soHieu}/huy   cancel {lyDo}: 200, 409 once delivered, 404 unknown
  POST /bccI/v1/cuoc                    quote {tinhGui, tinhNhan, khoiLuong, loaiDichVu, tienThuHo}
  GET  /bccI/v1/thay-doi?sau=N&gioiHan=M  the feed of state changes after position N
  GET  /healthz

Orders move registered → collecting → delivered, one step every SIM_STEP_MS.`,
  settings: {
    port: 8084,
    seed: '',
    seedMeaning: 'seeds the item numbers; empty = a random start each run',
    ints: { stepMs: { env: 'SIM_STEP_MS', meaning: 'time per state step, 0 = orders never move', default: 2000, min: 0, max: 86_400_000 } },
  },
  start: async (settings, logger) => ({ server: await startSimulator({ ...settings, logger }), ready: { stepMs: settings.stepMs } }),
});
