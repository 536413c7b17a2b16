import { JetStreamApiError } from '@nats-io/jetstream';
import { whilePlacing } from './meter-stream';

const noPeers = (): JetStreamApiError =>
  new JetStreamApiError({ code: 500, err_code: 10005, description: 'no suitable peers for placement' });

describe('whilePlacing: creating a stream while a new cluster cannot place it yet', () => {
  it('asks again while JetStream answers that no peers can take the stream, then returns the result', async () => {
    let calls = 0;
    const result = await whilePlacing(async () => {
      if (++calls < 3) throw noPeers();
      return 'created';
    });
    expect([result, calls]).toEqual(['created', 3]);
  });

  it('throws any other error at once, and a placement error once its wait is spent', async () => {
    let calls = 0;
    const other = new JetStreamApiError({ code: 400, err_code: 10058, description: 'stream name already in use' });
    await expect(
      whilePlacing(async () => {
        calls++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
    await expect(whilePlacing(() => Promise.reject(noPeers()), 150)).rejects.toThrow('no suitable peers');
  });
});
