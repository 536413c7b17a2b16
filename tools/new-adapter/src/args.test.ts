import { parseArgs } from './args';
import { UsageError } from './names';

describe('parseArgs', () => {
  it('reads the name, every flag in both spellings, and the defaults', () => {
    const c = parseArgs(['land-registry', '--owner', 'BO-BTNMT', '--subsystem=DATDAI', '--title', 'CSDL đất đai', '--dry-run']);
    expect(c).toEqual({
      help: false,
      dryRun: true,
      install: true,
      root: undefined,
      input: {
        name: 'land-registry',
        owner: 'BO-BTNMT',
        subsystem: 'DATDAI',
        title: 'CSDL đất đai',
        consumers: ['TINH', 'BO'],
        envPrefix: undefined,
        serviceTitle: undefined,
      },
    });
    const d = parseArgs([
      'x',
      '--owner',
      'A-B',
      '--subsystem',
      'C',
      '--title',
      't',
      '--consumers',
      'TINH, DN',
      '--no-install',
      '--env-prefix',
      'XY',
    ]);
    expect(d).toMatchObject({ install: false, input: { consumers: ['TINH', 'DN'], envPrefix: 'XY' } });
  });

  it('asks for nothing else with --help', () => {
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it('refuses a missing name, a missing required flag, a flag without value and unknown options', () => {
    expect(() => parseArgs(['--owner', 'A-B', '--subsystem', 'C', '--title', 't'])).toThrow(UsageError);
    expect(() => parseArgs(['x', '--subsystem', 'C', '--title', 't'])).toThrow(/--owner is required/);
    expect(() => parseArgs(['x', '--owner'])).toThrow(/--owner needs a value/);
    expect(() => parseArgs(['x', '--owner', 'A-B', '--subsystem', 'C', '--title', 't', '--force'])).toThrow(/unknown option --force/);
    expect(() => parseArgs(['x', 'y', '--owner', 'A-B', '--subsystem', 'C', '--title', 't'])).toThrow(/exactly one/);
  });
});
