// docs/security.md's table of roles and permissions is the one permissionsFor gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permissionsTable } from './permissions-table';

/** Rows of a Markdown table as trimmed cells, separator rows left out (formatting may pad cells). */
function cells(table: string): string[][] {
  return table
    .split('\n')
    .filter((l) => l.trim().startsWith('|') && !/^\|[\s|:-]+\|$/.test(l.trim()))
    .map((l) =>
      l
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
}

describe('docs/security.md', () => {
  it('lists each role with exactly the permissions permissionsFor grants it', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/security.md'), 'utf8');
    const section = /<!-- permissions:start -->([\s\S]*?)<!-- permissions:end -->/.exec(doc)?.[1];
    expect(section).toBeDefined();
    const generated = permissionsTable();
    expect({ table: cells(section!) }).toEqual({ table: cells(generated) });
  });
});
