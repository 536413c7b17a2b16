import { foldName } from './fold-name';

describe('foldName', () => {
  it('removes case, tone marks, vowel marks and the stroke of đ', () => {
    expect(foldName('Trường THCS Đông Hòa')).toBe('truong thcs dong hoa');
    expect(foldName('ỦY BAN NHÂN DÂN XÃ ĐẮK LẮK')).toBe('uy ban nhan dan xa dak lak');
  });

  it('gives the same form for precomposed (NFC) and decomposed (NFD) input and collapses spaces', () => {
    const nfc = 'Bệnh viện  Đa khoa '.normalize('NFC');
    expect(foldName(nfc)).toBe(foldName(nfc.normalize('NFD')));
    expect(foldName(nfc)).toBe('benh vien da khoa');
  });
});
