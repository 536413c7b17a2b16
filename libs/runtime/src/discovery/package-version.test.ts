import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config-error';
import { readPackageVersion } from './package-version';

/** A package directory with this package.json content, and its src/ beside it. */
function packageWith(content: string): string {
  const root = mkdtempSync(join(tmpdir(), 'ndxp-pkg-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), content);
  return join(root, 'src');
}

describe('readPackageVersion', () => {
  it('reads the version of the package.json above a module directory', () => {
    expect(readPackageVersion(packageWith('{"name":"x","version":"1.2.3-rc.1+b7"}'))).toBe('1.2.3-rc.1+b7');
  });

  it('refuses a version that is not semantic, and a missing file, with a ConfigError', () => {
    expect(() => readPackageVersion(packageWith('{"version":"1.2"}'))).toThrow(ConfigError);
    expect(() => readPackageVersion(packageWith('{}'))).toThrow(/not a semantic version/);
    expect(() => readPackageVersion(join(tmpdir(), 'ndxp-no-such-dir', 'src'))).toThrow(/cannot read the version/);
  });
});
