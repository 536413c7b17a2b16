// --help and README text of an adapter, from the same rows its settings are read by.
import type { AdapterDefinition, SettingsTable } from './adapter-definition';
import { settingRows } from './adapter-settings';

/** The text `<adapter> --help` prints: what it serves and every variable with its default. */
export function formatHelp<S extends SettingsTable>(definition: AdapterDefinition<S>): string {
  const { name, provider } = definition;
  const rows = settingRows(definition);
  const width = Math.max(...rows.map((r) => r.env.length)) + 2;
  return [
    `${name} ${definition.version}: ${definition.description ?? `NDXP adapter of ${provider}`}`,
    '',
    `Serves ndxp.svc.${provider}.<Service> for each of its services (queue group ndxp-adapter-${provider},`,
    `NATS service "${name}" for $SRV discovery), calling ${definition.upstream.name} at ${definition.envPrefix}_UPSTREAM_URL.`,
    '',
    'Environment:',
    ...rows.map((r) => `  ${r.env.padEnd(width)}${r.meaning} (default ${r.fallback})`),
    '',
  ].join('\n');
}

/** The README's environment table (markdown), row for row the settings table. */
export function formatSettingsMarkdown<S extends SettingsTable>(definition: AdapterDefinition<S>): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    '| variable | default | meaning |',
    '|---|---|---|',
    ...settingRows(definition).map(
      (r) => `| \`${r.env}\` | ${r.fallback === 'unset' ? 'unset' : `\`${cell(r.fallback)}\``} | ${cell(r.meaning)} |`,
    ),
  ].join('\n');
}
