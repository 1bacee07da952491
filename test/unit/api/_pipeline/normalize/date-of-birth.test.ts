import { describe, expect, it } from 'vitest';
import { normalizeDateOfBirth } from '../../../../../api/_pipeline/normalize/date-of-birth.js';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('normalizeDateOfBirth', () => {
  it.each([
    ['1990-12-31', '19901231'], // docs/meta-capi.md §10: not hashed as typed
    ['1990-1-5', '19900105'],
    ['1990/12/31', '19901231'],
    ['1990-12-31T00:00:00Z', '19901231'],
    ['12/31/1990', '19901231'],
    ['01/15/1990', '19900115'],
    ['31/12/1990', '19901231'], // day > 12: day first
    ['31.12.1990', '19901231'],
    ['01.02.1990', '19900201'], // dots: European day-first
    ['01/02/1990', '19900102'], // ambiguous slashes: month-first like PB
    ['01-02-1990', '19900102'],
    ['19901231', '19901231'],
    ['12311990', '19901231'],
    ['31121990', '19901231'],
    ['December 31, 1990', '19901231'], // PB drops month names; English ones are unambiguous
    ['31 Dec 1990', '19901231'],
    ['31st of December 1990', '19901231'],
    ['Sept. 9, 1985', '19850909'],
    ['2000-02-29', '20000229'], // leap year
    ['1900-01-01', '19000101'],
    ['2026-01-01', '20260101'], // current year allowed
    ['1990-13-01', '19900113'], // a middle number above 12 is the day (PB)
    ['1990-12-31T00:00:00+02:00', '19901231'],
    ['1990-05-01 (YYYY-MM-DD)', '19900501'], // a written-out format note after the date (PB)
    ['01.02.1990 (TT.MM.JJJJ)', '19900201'], // the note does not hide the dots
    ['Geburtsdatum: 31.12.1990', '19901231'],
    ['Dec 31, 1990 (verified)', '19901231'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDateOfBirth(input, NOW)).toBe(expected);
  });

  it.each([
    '12/31/90', // two-digit year: 1990 or 2090? PB drops it too
    '31.12.90',
    '1899-12-31', // before 1900
    '2027-01-01', // after the current year
    '1990-02-30',
    '1900-02-29', // 1900 was no leap year
    '13/13/1990',
    '1990-00-10',
    '00/10/1990',
    'invalid-date',
    'Smarch 3, 1990',
    'December 1990',
    '1990',
    '',
    '   ',
  ])('%j → absent', (input) => {
    expect(normalizeDateOfBirth(input, NOW)).toBeUndefined();
  });

  // Meta's reference implementation: facebook/capi-param-builder, the getNormalizedDOB suite in
  // nodejs/capi-param-builder/tests/ (testing src/piiUtil/dobUtil.js). Its string cases, with null
  // written as undefined and its current year as NOW's (2026).
  describe('agrees with capi-param-builder', () => {
    it.each<[string, string | undefined]>([
      ['2/16/1997 (mm/dd/yyyy)', '19970216'],
      ['16–2–1997 (dd-mm-yyyy)', '19970216'],
      ['12-31-1990', '19901231'],
      ['01-15-2000', '20000115'],
      ['06-30-1985', '19850630'],
      ['03-05-1995', '19950305'],
      ['02/16/1997', '19970216'],
      ['31-12-1990', '19901231'],
      ['15-01-2000', '20000115'],
      ['30-06-1985', '19850630'],
      ['05-03-1995', '19950503'],
      ['16-2-1997', '19970216'],
      ['1990-12-31', '19901231'],
      ['2000-01-15', '20000115'],
      ['1985-06-30', '19850630'],
      ['1995-03-05', '19950305'],
      ['12/31/1990', '19901231'],
      ['1990.12.31', '19901231'],
      ['12 31 1990', '19901231'],
      ['1990_12_31', '19901231'],
      ['12:31:1990', '19901231'],
      ['1990|12|31', '19901231'],
      ['12-31/1990', '19901231'],
      ['1990.12-31', '19901231'],
      ['12 31/1990', '19901231'],
      ['1990_12.31', '19901231'],
      ['  12-31-1990  ', '19901231'],
      ['\t1990-12-31\n', '19901231'],
      [' 31/12/1990 ', '19901231'],
      ['\r\n1990.12.31\t', '19901231'],
      ['19901231', '19901231'],
      ['20000115', '20000115'],
      ['19850630', '19850630'],
      ['19950305', '19950305'],
      ['01-02-1990', '19900102'],
      ['1990-01-02', '19900102'],
      ['02-01-1990', '19900201'],
      ['05-09-2000', '20000509'],
      ['13-02-1990', '19900213'],
      ['02-13-1990', '19900213'],
      ['01-01-2026', '20260101'],
      ['01-01-1799', undefined],
      ['01-01-2028', undefined],
      ['01-01-0100', undefined],
      ['00-15-1990', undefined],
      ['13-15-1990', undefined],
      ['15-13-1990', undefined],
      ['01-00-1990', undefined],
      ['01-32-1990', undefined],
      ['32-01-1990', undefined],
      ['02-29-2000', '20000229'],
      ['29-02-2000', '20000229'],
      ['2000-02-29', '20000229'],
      ['02-29-2004', '20040229'],
      ['a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae', undefined],
      ['a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae33', undefined],
      ['g665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3', undefined],
      ['A665A45920422F9D417E4867EFDC4FB8A04A1F3FFF1FA07E998E86F7F7A27AE!', undefined],
      ['123', undefined],
      ['12-31', undefined],
      ['1990', undefined],
      ['12', undefined],
      ['12-31-1990-15-30', '19901231'],
      ['1990-12-31-00-00-00', '19901231'],
      ['Born: 12-31-1990', '19901231'],
      ['DOB is 1990/12/31 (verified)', '19901231'],
      ['Date: 31.12.1990 Age: 30', '19901231'],
      ['12-31-1990 (mm-dd-yyyy)', '19901231'],
      ['01-01-01', undefined],
      ['12-12-12', undefined],
      ['１２－３１－１９９０', undefined], // full-width digits are not read
      ['12月31日1990年', '19901231'],
      ['31/12/1990 (DD/MM/YYYY)', '19901231'],
      ['invalid date string', undefined],
      ['---', undefined],
      ['...', undefined],
      ['abc-def-ghi', undefined],
      ['199012311999', undefined],
      ['1990123', undefined],
      ['123456789', undefined],
      ['12/31/90', undefined],
      ['31.12.1990', '19901231'],
      ['31/12/1990', '19901231'],
      ['31-12-1990', '19901231'],
      ['1990/12/31', '19901231'],
      ['15-06-1990', '19900615'],
      ['06-15-1990', '19900615'],
      ['1990-15-06', '19900615'],
      ['1990-06-15', '19900615'],
      ['05-08-1990', '19900508'],
      ['1990-1991-12', undefined],
      ['1990-12-1991', undefined],
      ['13-13-1990', undefined],
      ['32-05-1990', undefined],
      ['05-32-1990', undefined],
      ['This is a very long string that contains a date 12-31-1990 somewhere in the middle of it', '19901231'],
      ['Start: 01-01-2000 Middle: some text End: 12-31-1999', '20000101'],
      ['abc', undefined],
      ['+++', undefined],
      ['hello world', undefined],
      ['no digits here', undefined],
      [`${'a'.repeat(1000)}12-31-1990${'b'.repeat(1000)}`, '19901231'],
    ])('%j → %j', (input, expected) => {
      expect(normalizeDateOfBirth(input, NOW)).toBe(expected);
    });

    // PB's DOB normalizer returns a 64-hex value unchanged; getNormalizedAndHashedPII
    // (src/piiUtil/PIIUtil.js) has already trimmed and lower-cased it, and so do we.
    it.each([
      'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3',
      'ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890',
      'A665A45920422F9D417E4867EFDC4FB8A04A1F3FFF1FA07E998E86F7F7A27AE3',
    ])('passes the SHA-256 %j through, lower-cased', (hash) => {
      expect(normalizeDateOfBirth(hash, NOW)).toBe(hash.toLowerCase());
    });

    // Where we differ on purpose (date-of-birth.ts): PB's answer on the left.
    it.each<[string, string | undefined, string | undefined, string]>([
      ['01-01-1800', '18000101', undefined, 'the docs bound the year to 1900–current (docs/meta-capi.md §3 `db`)'],
      ['01-01-2027', '20270101', undefined, 'a birth date next year is no birth date'],
      ['02-29-1900', '19000229', undefined, '1900 was no leap year: a day that never existed matches nobody'],
      ['December 31, 1990', undefined, '19901231', 'an English month name is unambiguous'],
      ['Dec 31, 1990', undefined, '19901231', 'an English month name is unambiguous'],
    ])('%j: PB %j, ours %j (%s)', (input, _pb, ours) => {
      expect(normalizeDateOfBirth(input, NOW)).toBe(ours);
    });
  });

  it('uses the clock when no date is given', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(normalizeDateOfBirth(`${nextYear}-01-01`)).toBeUndefined();
    expect(normalizeDateOfBirth('1990-12-31')).toBe('19901231');
  });
});
