// Case- and diacritic-insensitive form of a Vietnamese name, for matching searches.

/** "Trường THCS Đông Hòa" → "truong thcs dong hoa": NFD, marks removed, đ → d, lower case, spaces collapsed. */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}
