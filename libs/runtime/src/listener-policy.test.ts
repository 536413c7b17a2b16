import { ConfigError } from './config-error';
import { createLogger } from './logger';
import { checkListeners, isLoopbackHost, warnInsecureListeners } from './listener-policy';

describe('checkListeners', () => {
  const plain = (addr: string) => ({ variable: 'X_GRPC_ADDR', addr, tls: false });

  it('lets plaintext bind loopback without any setting', () => {
    for (const addr of ['127.0.0.1:1', 'localhost:0', '[::1]:50051', '::1:8090']) {
      expect(checkListeners({}, [plain(addr)], 'X_ALLOW_PLAINTEXT')).toEqual([]);
    }
    expect(['127.0.0.1', 'LOCALHOST', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.4', '::', 'ndxp-registry'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses plaintext on any other address, naming the variable and the setting that would allow it', () => {
    expect(() => checkListeners({}, [plain('0.0.0.0:50051')], 'X_ALLOW_PLAINTEXT')).toThrow(ConfigError);
    expect(() => checkListeners({}, [plain('[::]:50051')], 'X_ALLOW_PLAINTEXT')).toThrow(
      /X_GRPC_ADDR=\[::\]:50051 is not a loopback address.*X_ALLOW_PLAINTEXT=true/,
    );
  });

  it('lets TLS bind anywhere, and returns only the plaintext listeners an explicit setting allowed', () => {
    expect(checkListeners({}, [{ variable: 'X_GRPC_ADDR', addr: '0.0.0.0:1', tls: true }], 'X_ALLOW_PLAINTEXT')).toEqual([]);
    const allowed = checkListeners({ X_ALLOW_PLAINTEXT: 'true' }, [plain('0.0.0.0:1'), plain('127.0.0.1:2')], 'X_ALLOW_PLAINTEXT');
    expect(allowed).toEqual([{ variable: 'X_GRPC_ADDR', addr: '0.0.0.0:1', allowedBy: 'X_ALLOW_PLAINTEXT' }]);
  });

  it('warns once per allowed plaintext listener', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 't', level: 'info' }, { write: (l: string) => void lines.push(l) });
    warnInsecureListeners(logger, [{ variable: 'X_GRPC_ADDR', addr: '0.0.0.0:1', allowedBy: 'X_ALLOW_PLAINTEXT' }]);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as { level: number; listener: string; msg: string };
    expect(entry.level).toBe(40);
    expect(entry.listener).toBe('X_GRPC_ADDR');
    expect(entry.msg).toMatch(/serves plaintext off loopback \(X_ALLOW_PLAINTEXT=true\)/);
  });
});
