// Pure helpers for the texts national systems answer with (dates, status wording), shared by adapters' mappers.

/** dd/mm/yyyy (the national systems' form) → yyyy-mm-dd; an ISO date (or date-time) passes through; else "". */
export function mapNationalDate(text: string): string {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (vn) return `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim());
  return iso ? iso[1]! : '';
}

/** A status text as a lookup key: NFC, trimmed, inner spaces folded to one, lower case (marks kept). */
export function normalizeStatusText(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
