import { describe, expect, it } from 'vitest';
import { normalizeGender } from '../../../../../api/_pipeline/normalize/gender.js';

describe('normalizeGender', () => {
  it.each([
    ['f', 'f'], ['F', 'f'], ['Female', 'f'], ['  Female  ', 'f'], ['woman', 'f'], ['girl', 'f'],
    ['she', 'f'], ['she/her', 'f'], ['Mrs.', 'f'], ['Ms', 'f'], ['miss', 'f'], ['Frau', 'f'],
    ['weiblich', 'f'], ['w', 'f'], ['femme', 'f'], ['Féminin', 'f'], ['mujer', 'f'], ['mulher', 'f'],
    ['donna', 'f'], ['vrouw', 'f'], ['Female (F)', 'f'],
    ['m', 'm'], ['M', 'm'], ['  Male  ', 'm'], ['man', 'm'], ['mr', 'm'], ['he/him', 'm'], ['Mann', 'm'],
    ['männlich', 'm'], ['homme', 'm'], ['hombre', 'm'], ['homem', 'm'], ['uomo', 'm'], ['Herr', 'm'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeGender(input)).toBe(expected);
  });

  it.each(['unknown', 'other', 'Non-binary', 'prefer not to say', 'm/f', 'male or female', 'x', 'diverse', '', '  '])(
    '%j → absent (never guessed)',
    (input) => {
      expect(normalizeGender(input)).toBeUndefined();
    },
  );
});
