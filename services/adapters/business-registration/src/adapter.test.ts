import { formatSettingsMarkdown, readAdapterSettings } from '@ndxp/adapter-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { businessRegistrationAdapter } from './adapter';

describe('businessRegistrationAdapter settings', () => {
  it('has no settings of its own beside the SDK settings, and reads the upstream URL under its prefix', () => {
    const settings = readAdapterSettings(businessRegistrationAdapter, { BR_UPSTREAM_URL: 'http://dkdn.example:8081' });
    expect(settings.own).toEqual({});
    expect(settings.upstream.baseUrl).toBe('http://dkdn.example:8081');
  });

  it('is documented in the README by its settings table', () => {
    expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(formatSettingsMarkdown(businessRegistrationAdapter));
  });
});
