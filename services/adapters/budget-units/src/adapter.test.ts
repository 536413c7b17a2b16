import { formatSettingsMarkdown } from '@ndxp/adapter-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetUnitsAdapter } from './adapter';

it('documents its settings table in the README', () => {
  expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(formatSettingsMarkdown(budgetUnitsAdapter));
});
