// Every adapter's README documents its settings table as the SDK prints it: one test for all the
// adapters under services/adapters (a new one is covered the moment it is added), so no adapter
// carries its own copy of this check.
import { formatSettingsMarkdown, type AdapterDefinition, type SettingsTable } from '@ndxp/adapter-sdk';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ADAPTERS = join(__dirname, '..', '..', 'services', 'adapters');

/** The adapter definitions a package's index exports (values with an envPrefix and services()). */
function definitionsOf(index: Record<string, unknown>): Array<[string, AdapterDefinition<SettingsTable>]> {
  const isDefinition = (v: unknown): v is AdapterDefinition<SettingsTable> =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { envPrefix?: unknown }).envPrefix === 'string' &&
    typeof (v as { services?: unknown }).services === 'function';
  return Object.entries(index).filter((e): e is [string, AdapterDefinition<SettingsTable>] => isDefinition(e[1]));
}

const adapters = readdirSync(ADAPTERS).filter((d) => existsSync(join(ADAPTERS, d, 'src', 'index.ts')));

describe('adapter READMEs', () => {
  it('finds the adapters', () => {
    expect(adapters).toEqual(expect.arrayContaining(['budget-units', 'business-registration', 'civil-status', 'vnpost']));
  });

  it.each(adapters)('%s exports one adapter definition, and its README holds that definition’s settings table', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the adapters are found at run time
    const definitions = definitionsOf(require(join(ADAPTERS, name, 'src', 'index.ts')) as Record<string, unknown>);
    expect(definitions.map(([exported]) => exported)).toHaveLength(1);
    const [exported, definition] = definitions[0]!;
    const readme = readFileSync(join(ADAPTERS, name, 'README.md'), 'utf8');
    const table = formatSettingsMarkdown(definition);
    if (!readme.includes(table)) {
      throw new Error(
        `services/adapters/${name}/README.md lacks the settings table of ${exported}; print it with\n` +
          `node -e "console.log(require('./libs/adapter-sdk/dist').formatSettingsMarkdown(require('./services/adapters/${name}/dist').${exported}))"\n\n${table}`,
      );
    }
  });
});
