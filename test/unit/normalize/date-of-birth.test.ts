import { describe, expect, it } from 'vitest';
import { normalizeDateOfBirth } from '../../../api/_core/normalize/date-of-birth.js';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('normalizeDateOfBirth', () => {
  it.each([
    ['1990-12-31', '19901231'], // meta-capi.md §10: not hashed as typed
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
    '1990-13-01',
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

  it('uses the clock when no date is given', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(normalizeDateOfBirth(`${nextYear}-01-01`)).toBeUndefined();
    expect(normalizeDateOfBirth('1990-12-31')).toBe('19901231');
  });
});
