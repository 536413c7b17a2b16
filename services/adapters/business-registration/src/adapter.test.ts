import { formatSettingsMarkdown, readAdapterSettings } from '@ndxp/adapter-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { businessRegistrationAdapter } from './adapter';

describe('businessRegistrationAdapter settings', () => {
  it('reads its own settings, each with its default, and names a bad one', () => {
    expect(readAdapterSettings(businessRegistrationAdapter, {}).own).toEqual({
      source: 'http',
      memorySeed: 'ndxp-2021',
      memorySize: 50_000,
    });
    expect(() => readAdapterSettings(businessRegistrationAdapter, { BR_UPSTREAM: 'grpc' })).toThrow(/BR_UPSTREAM must be one of/);
  });

  it('is documented in the README by its settings table', () => {
    expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(formatSettingsMarkdown(businessRegistrationAdapter));
  });
});
