import { encodePersonalId, validatePersonalId, type PersonalIdOptions, type PersonalIdProblem } from './personal-id';
import { PROVINCES } from '../provinces';

const NOW = { currentYear: 2021 };
const problem = (s: string, opts: PersonalIdOptions = NOW): PersonalIdProblem | undefined => {
  const r = validatePersonalId(s, opts);
  return r.valid ? undefined : r.problem;
};

describe('validatePersonalId', () => {
  it('decodes province, sex, century, birth year and serial of a valid number', () => {
    expect(validatePersonalId('001203012345', NOW)).toEqual({
      valid: true,
      personalId: '001203012345',
      province: { code: '01', name: 'Hà Nội', city: true },
      sex: 'male',
      century: 2000,
      birthYear: 2003,
      serial: '012345',
    });
    expect(validatePersonalId('079185999999', NOW)).toMatchObject({ valid: true, sex: 'female', century: 1900, birthYear: 1985 });
  });

  it('decodes each value of digit 4: 0/1 male/female 1900s, 2/3 male/female 2000s', () => {
    const decoded = ['0', '1', '2', '3'].map((d) => {
      const r = validatePersonalId(`001${d}00123456`, NOW);
      return r.valid ? [r.sex, r.birthYear] : r.problem;
    });
    expect(decoded).toEqual([
      ['male', 1900],
      ['female', 1900],
      ['male', 2000],
      ['female', 2000],
    ]);
  });

  it('rejects every digit 4 from 4 to 9', () => {
    for (let d = 4; d <= 9; d++) expect(problem(`001${d}90123456`)).toBe('bad_sex_century');
  });

  it('accepts exactly the 63 province codes of the list in digits 2-3, with a leading 0', () => {
    const known = new Set(PROVINCES.map((p) => p.code));
    expect(known.size).toBe(63);
    for (let code = 0; code <= 99; code++) {
      const cc = String(code).padStart(2, '0');
      const r = validatePersonalId(`0${cc}090123456`, NOW);
      expect([cc, r.valid ? r.province.code : r.problem]).toEqual([cc, known.has(cc) ? cc : 'unknown_province']);
    }
  });

  it('rejects a first digit other than 0 even before a known province code', () => {
    for (let d = 1; d <= 9; d++) expect(problem(`${d}01090123456`)).toBe('unknown_province');
  });

  it('decodes every birth year of both centuries and rejects years after the current one', () => {
    for (let yy = 0; yy <= 99; yy++) {
      const y = String(yy).padStart(2, '0');
      expect(validatePersonalId(`0010${y}123456`, NOW)).toMatchObject({ valid: true, birthYear: 1900 + yy });
      const r = validatePersonalId(`0013${y}123456`, NOW);
      if (2000 + yy <= 2021) expect(r).toMatchObject({ valid: true, birthYear: 2000 + yy });
      else expect(r).toMatchObject({ valid: false, problem: 'future_birth_year' });
    }
  });

  it('uses the current year when none is given', () => {
    const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
    expect(validatePersonalId(`0012${yy}123456`).valid).toBe(true);
    expect(problem(`001299123456`, {})).toBe(new Date().getUTCFullYear() < 2099 ? 'future_birth_year' : undefined);
  });

  it('accepts any six final digits (there is no check digit)', () => {
    for (const serial of ['000000', '999999', '123456', '654321']) expect(validatePersonalId(`001090${serial}`, NOW).valid).toBe(true);
  });

  it('rejects wrong lengths', () => {
    for (const s of ['0', '00109012345', '0010901234567', '0'.repeat(24)]) expect([s, problem(s)]).toEqual([s, 'bad_length']);
  });

  it('rejects letters, signs and non-ASCII digits', () => {
    for (const s of ['00109012345A', '+01090123456', '0010901234.5', '００１０９０１２３４５６', '٠٠١٠٩٠١٢٣٤٥٦']) {
      expect([s, s.length, problem(s)]).toEqual([s, 12, 'not_digits']);
    }
  });

  it('rejects whitespace anywhere, without trimming', () => {
    for (const s of [' 001090123456', '001090123456 ', '001090 123456', '001090123456\n', '\t00109012345']) {
      expect(problem(s)).toBe('whitespace');
    }
  });

  it('rejects an empty number', () => {
    expect(validatePersonalId('', NOW)).toEqual({ valid: false, problem: 'empty', reason: 'personal identification number is empty' });
  });

  it('gives a reason naming the bad part', () => {
    const r = validatePersonalId('099090123456', NOW);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.reason).toMatch(/099/);
  });
});

describe('encodePersonalId', () => {
  it('builds numbers that validate to the same parts, for every province, sex and century', () => {
    for (const p of PROVINCES) {
      for (const sex of ['male', 'female'] as const) {
        for (const birthYear of [1900, 1955, 1999, 2000, 2021]) {
          const id = encodePersonalId({ provinceCode: p.code, sex, birthYear, serial: '042042' });
          expect(validatePersonalId(id, NOW)).toMatchObject({ valid: true, province: p, sex, birthYear, serial: '042042' });
        }
      }
    }
  });

  it('refuses parts no valid number has', () => {
    expect(() => encodePersonalId({ provinceCode: '03', sex: 'male', birthYear: 1990, serial: '000000' })).toThrow(RangeError);
    expect(() => encodePersonalId({ provinceCode: '01', sex: 'male', birthYear: 1899, serial: '000000' })).toThrow(RangeError);
    expect(() => encodePersonalId({ provinceCode: '01', sex: 'male', birthYear: 2100, serial: '000000' })).toThrow(RangeError);
    expect(() => encodePersonalId({ provinceCode: '01', sex: 'male', birthYear: 1990, serial: '12345' })).toThrow(RangeError);
  });
});
