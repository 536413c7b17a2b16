import { readAdapterSettings } from '@ndxp/adapter-sdk';
import { vnpostAdapter } from './adapter';

describe('vnpostAdapter settings', () => {
  it('reads the relay settings, each with its default, and names a bad one', () => {
    expect(readAdapterSettings(vnpostAdapter, {}).own).toEqual({ pollMs: 1000, pollBatch: 100, cursorBucket: 'ndxp_vnpost_feed' });
    expect(() => readAdapterSettings(vnpostAdapter, { VNPOST_POLL_BATCH: '5000' })).toThrow(/VNPOST_POLL_BATCH/);
    expect(() => readAdapterSettings(vnpostAdapter, { VNPOST_CURSOR_BUCKET: 'a.b' })).toThrow(/VNPOST_CURSOR_BUCKET/);
  });
});
