import { Writable } from 'node:stream';
import { createLogger } from './logger';

describe('logger', () => {
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
});
