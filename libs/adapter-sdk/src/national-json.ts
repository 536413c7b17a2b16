// Reading a national system's JSON answer defensively: objects checked, text fields never thrown on.

/** A JSON object of a national system's answer (its own, usually Vietnamese, field names). */
export type NationalJson = Record<string, unknown>;

/** Whether v is a JSON object (not null, not an array). */
export function isNationalJson(v: unknown): v is NationalJson {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The text of field `key` (a number as its decimal text); '' when absent or of another type. */
export function jsonText(o: NationalJson | undefined, key: string): string {
  const v = o?.[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
