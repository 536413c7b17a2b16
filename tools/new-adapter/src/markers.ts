// Inserting generated lines into shared files at marker comments, so the generator never guesses.

/** The marker lines the generator inserts above, by file. */
export const MARKERS = {
  contractsExports: '// new-adapter: insert exports above',
  catalogueImports: '// new-adapter: insert imports above',
  catalogueServices: '// new-adapter: insert services above',
} as const;

/**
 * Inserts `lines` just above the one line whose trimmed text is `marker`, indented like the marker.
 * Throws when the marker is missing or appears twice (a hand edit the developer must repair).
 */
export function insertAboveMarker(text: string, marker: string, lines: readonly string[], file = 'file'): string {
  const all = text.split('\n');
  const at = all.flatMap((l, i) => (l.trim() === marker ? [i] : []));
  if (at.length !== 1) {
    throw new Error(`${file}: expected exactly one line "${marker}", found ${at.length}; restore it where new lines belong`);
  }
  const i = at[0]!;
  const indent = /^\s*/.exec(all[i]!)![0];
  all.splice(i, 0, ...lines.map((l) => (l === '' ? l : indent + l)));
  return all.join('\n');
}
