import { simulatorHelp } from './run-simulator';

describe('simulatorHelp', () => {
  it('names the simulator, says what it serves, then lists its settings', () => {
    const help = simulatorHelp({ name: 'simulator-x', about: 'the X system\n\n  GET /x   200\n', settings: { seed: 's' } });
    expect(help.split('\n').slice(0, 5)).toEqual(['simulator-x: the X system', '', '  GET /x   200', '', 'Environment:']);
    expect(help).toMatch(/SIM_SEED {8}data seed \(default s\)/);
  });
});
