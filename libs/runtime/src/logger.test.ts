import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { startTelemetry, type Telemetry } from './telemetry';

/** A logger writing into `lines`. */
function capture(lines: string[]): ReturnType<typeof createLogger> {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return createLogger({ service: 'test', level: 'info' }, sink);
}

describe('logger', () => {
  let telemetry: Telemetry | undefined;
  afterAll(async () => {
    await telemetry?.shutdown();
  });

  it('writes the trace id and span id of the active span on a line logged inside it, and none outside', () => {
    telemetry = startTelemetry({ service: 'logger-test' });
    const lines: string[] = [];
    const logger = capture(lines);
    logger.info('before');
    const ids = telemetry.tracer.startActiveSpan('work', (span) => {
      logger.child({ requestId: 'r1' }).info('inside');
      span.end();
      return span.spanContext();
    });
    logger.info('after');
    const [before, inside, after] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({ msg: 'inside', requestId: 'r1', trace_id: ids.traceId, span_id: ids.spanId, trace_flags: '01' });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    for (const outside of [before, after]) {
      expect(outside).not.toHaveProperty('trace_id');
      expect(outside).not.toHaveProperty('span_id');
    }
  });

  it('redacts personal data at any of the first three levels of a record, and keeps the rest', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logger = createLogger({ service: 'test', level: 'info' }, sink);
    logger.info(
      {
        personalId: '001203004567',
        enterprise: {
          taxCode: '0100109106',
          legalRepresentative: { fullName: 'Nguyễn Văn A' },
          headOffice: { full: '1 Tràng Tiền, Hà Nội' },
        },
        deep: { person: { fullName: 'Trần Thị B', address: 'Hải Phòng' } },
      },
      'lookup',
    );
    const out = lines.join('');
    for (const secret of ['001203004567', 'Nguyễn Văn A', 'Tràng Tiền', 'Trần Thị B', 'Hải Phòng']) expect(out).not.toContain(secret);
    expect(out).toContain('0100109106');
    expect(out).toContain('[redacted]');
    expect(JSON.parse(out)).toMatchObject({ service: 'test', msg: 'lookup' });
  });

  it('censors copies, never the objects of the caller, and reaches child bindings and arrays within three levels', () => {
    const lines: string[] = [];
    const logger = capture(lines).child({ officer: 'can-bo-07' });
    const enterprise = { taxCode: '0100109106', nameVi: 'CÔNG TY A' };
    const units = [{ name: 'Chi nhánh B' }];
    logger.info({ enterprise, units, deeper: { a: { b: { nameVi: 'kept: below three levels' } } } }, 'answer');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      officer: '[redacted]',
      enterprise: { taxCode: '0100109106', nameVi: '[redacted]' },
      units: [{ name: '[redacted]' }],
    });
    expect(enterprise).toEqual({ taxCode: '0100109106', nameVi: 'CÔNG TY A' });
    expect(units).toEqual([{ name: 'Chi nhánh B' }]);
    expect(JSON.stringify(line)).not.toContain('can-bo-07');
    expect(JSON.stringify(line)).toContain('kept: below three levels');
  });
});
