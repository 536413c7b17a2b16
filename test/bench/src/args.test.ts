import { ArgsError, parseArgs, parseDuration } from './args';

const NOW = new Date('2021-12-01T08:30:00.000Z');

describe('parseArgs', () => {
  it('defaults to concurrency 16 and 256, 10 s rounds after 2 s warm-up, 2 rounds, the four NATS systems', () => {
    const o = parseArgs([], NOW);
    expect(o.concurrencies).toEqual([16, 256]);
    expect(o.durationMs).toBe(10_000);
    expect(o.warmupMs).toBe(2_000);
    expect(o.rounds).toBe(2);
    expect(o.systems).toEqual(['ceiling', 'peer', 'mesh', 'mesh-unshared']);
    expect(o.out).toBe('bench-results/bench-2021-12-01T08-30-00-000Z.json');
    expect(o.help).toBe(false);
  });

  it('reads every valued option in both --name value and --name=value forms', () => {
    const o = parseArgs(
      [
        '--concurrency',
        '1,64',
        '--duration=30s',
        '--warmup',
        '500ms',
        '--rounds=3',
        '--systems',
        'mesh,ceiling',
        '--out',
        'x.json',
        '--dataset-size=50',
      ],
      NOW,
    );
    expect(o).toMatchObject({
      concurrencies: [1, 64],
      durationMs: 30_000,
      warmupMs: 500,
      rounds: 3,
      systems: ['ceiling', 'mesh'],
      out: 'x.json',
      datasetSize: 50,
    });
  });

  it('--quick gives 2 s rounds, 1 s warm-up and 1 round, while explicit options still win', () => {
    expect(parseArgs(['--quick'], NOW)).toMatchObject({
      durationMs: 2_000,
      warmupMs: 1_000,
      rounds: 1,
      quick: true,
    });
    expect(parseArgs(['--quick', '--rounds', '4'], NOW)).toMatchObject({
      durationMs: 2_000,
      rounds: 4,
    });
  });

  it('takes the HTTP/JSON pair, by itself or among the NATS systems, in the fixed order', () => {
    expect(parseArgs(['--systems', 'mesh-http,peer-http'], NOW).systems).toEqual(['peer-http', 'mesh-http']);
    expect(parseArgs(['--systems=mesh-http,mesh,peer-http,peer'], NOW).systems).toEqual(['peer', 'mesh', 'peer-http', 'mesh-http']);
    expect(parseArgs([], NOW).systems).not.toContain('mesh-http');
  });

  it('keeps the fixed interleaving order and drops duplicate systems and concurrencies', () => {
    const o = parseArgs(['--systems', 'mesh,peer,mesh', '--concurrency', '8,8,4'], NOW);
    expect(o.systems).toEqual(['peer', 'mesh']);
    expect(o.concurrencies).toEqual([8, 4]);
  });

  it.each([
    [['--bogus', '1'], /unknown option --bogus/],
    [['--rounds'], /--rounds needs a value/],
    [['--rounds', '--quick'], /--rounds needs a value/],
    [['--rounds', '0'], /between 1 and/],
    [['--concurrency', '16,x'], /positive integer/],
    [['--systems', 'ceiling,grpc'], /--systems takes any of ceiling,peer,mesh,mesh-unshared,peer-http,mesh-http/],
    [['--systems', 'http'], /got "http"/],
    [['--duration', '10h'], /must be a time/],
    [['--duration', '0'], /more than zero/],
    [['--quick=yes'], /takes no value/],
    [['stray'], /unexpected argument/],
    [['--rounds', '1', '--rounds', '2'], /given twice/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv, NOW)).toThrow(ArgsError);
    expect(() => parseArgs(argv, NOW)).toThrow(message);
  });

  it('recognises --help', () => {
    expect(parseArgs(['--help'], NOW).help).toBe(true);
  });
});

describe('parseDuration', () => {
  it('reads bare seconds, ms, s and m', () => {
    expect(parseDuration('d', '10')).toBe(10_000);
    expect(parseDuration('d', '0.5')).toBe(500);
    expect(parseDuration('d', '250ms')).toBe(250);
    expect(parseDuration('d', '3s')).toBe(3_000);
    expect(parseDuration('d', '1m')).toBe(60_000);
  });

  it('allows a zero warm-up only when asked', () => {
    expect(parseDuration('warmup', '0', true)).toBe(0);
    expect(() => parseDuration('duration', '0')).toThrow(ArgsError);
  });
});
