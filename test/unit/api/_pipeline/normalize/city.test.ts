import { describe, expect, it } from 'vitest';
import { normalizeCity } from '../../../../../api/_pipeline/normalize/city.js';

describe('normalizeCity', () => {
  it.each([
    ['New York', 'newyork'],
    ['  San Francisco  ', 'sanfrancisco'],
    ["Coeur d'Alene", 'coeurdalene'],
    ['St. Louis', 'stlouis'],
    ['Winston-Salem', 'winstonsalem'],
    ['District 9', 'district9'], // digits kept (PB)
    // Letters outside a–z are deleted, never transliterated (PB): what PB users send is what Meta hashed.
    ['São Paulo', 'sopaulo'],
    ['Sa\u0303o Paulo', 'sopaulo'], // a combining tilde: NFC first, so the same value as the precomposed ã
    ['Sao Paulo', 'saopaulo'],
    ['Łódź', 'd'],
    ['Gießen', 'gieen'],
    ['\u0130zmir', 'zmir'], // stripped before lower-casing, as PB: İ does not become i
  ])('%j → %j', (input, expected) => {
    expect(normalizeCity(input)).toBe(expected);
  });

  it.each(['', '   ', '123', '9th Ward', '東京', 'Москва', '!!!'])('%j → absent (empty or not starting with a–z)', (input) => {
    expect(normalizeCity(input)).toBeUndefined();
  });

  // Meta's reference implementation: facebook/capi-param-builder, the getNormalizedCity suite in
  // nodejs/capi-param-builder/tests/ (testing src/piiUtil/stringUtil.js). Its string cases, with
  // null written as undefined; its non-string inputs (123, true, {}) cannot reach us past validation.
  describe('agrees with capi-param-builder', () => {
    it.each<[string, string | undefined]>([
      ['London', 'london'],
      ['Menlo Park', 'menlopark'],
      ['    Menlo-Park  ', 'menlopark'],
      ['NewYork', 'newyork'],
      ['LONDON', 'london'],
      ['paris', 'paris'],
      ['Tokyo', 'tokyo'],
      ['NeW yOrK', 'newyork'],
      ['sAn FrAnCiScO', 'sanfrancisco'],
      ['lOs AnGeLes', 'losangeles'],
      ['New York', 'newyork'],
      ['St. Louis', 'stlouis'],
      ['Miami-Dade', 'miamidade'],
      ["O'Fallon", 'ofallon'],
      ['Wilkes-Barre', 'wilkesbarre'],
      ['St. Paul', 'stpaul'],
      ["Coeur d'Alene", 'coeurdalene'],
      ['Santa Fe, NM', 'santafenm'],
      ['Miami (Beach)', 'miamibeach'],
      ['New York, NY', 'newyorkny'],
      ['San José', 'sanjos'],
      ['Montréal', 'montral'],
      ['Los Angeles 90210', 'losangeles90210'],
      ['Dallas75201', 'dallas75201'],
      ['Houston 77001', 'houston77001'],
      ['São Paulo', 'sopaulo'],
      ['México City', 'mxicocity'],
      ['Zürich', 'zrich'],
      ['København', 'kbenhavn'],
      ['Москва', undefined],
      ['北京', undefined],
      ['القاهرة', undefined],
      ['Αθήνα', undefined],
      ['123Angeles', undefined],
      ['1NewYork', undefined],
      ['555', undefined],
      ['007', undefined],
      ['angeles123', 'angeles123'],
      ['a1b2c3', 'a1b2c3'],
      ['city007', 'city007'],
      ['a', 'a'],
      ['Z', 'z'],
      ['a1', 'a1'],
      ['1a', undefined],
      ['!@#$%^&*()NewYork', 'newyork'],
      ['Los-Angeles!!!', 'losangeles'],
      ['San Francisco???', 'sanfrancisco'],
      ['Miami...Beach', 'miamibeach'],
      ['Seattle@Washington', 'seattlewashington'],
      ['Boston#MA', 'bostonma'],
      ['123!!!', undefined],
      ['!@#$%', undefined],
      ['...', undefined],
      ['---', undefined],
      ['   ', undefined],
      ['A'.repeat(100), 'a'.repeat(100)],
      ['A-'.repeat(50), 'a'.repeat(50)],
      ['New\u00A0York', 'newyork'],
      ['San\u2013Francisco', 'sanfrancisco'],
      ['Los\u2014Angeles', 'losangeles'],
      ['México\u00A0City', 'mxicocity'],
      ['New😀York', 'newyork'],
      ['Los🎉Angeles', 'losangeles'],
      ['Scranton-Wilkes-Barre', 'scrantonwilkesbarre'],
      ['Saint-Denis', 'saintdenis'],
      ["L'Anse", 'lanse'],
      ["D'Iberville", 'diberville'],
      ['Mt. Vernon', 'mtvernon'],
      ['Ft. Lauderdale', 'ftlauderdale'],
      ['!'.repeat(1000), undefined],
      [`a${'!'.repeat(999)}`, 'a'],
      ['!N@e#w$Y%o^r&k*', 'newyork'],
      ['***L***o***s***A***n***g***e***l***e***s***', 'losangeles'],
      ['...C.h.i.c.a.g.o...', 'chicago'],
      ['---H-o-u-s-t-o-n---', 'houston'],
      ['@', undefined],
      ['A-', 'a'],
      ['-A', 'a'],
      ['12', undefined],
      ['________', undefined],
      ['\\\\\\\\', undefined],
      // Hash-like but not 64 hex: normalized like any city.
      ['a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae', 'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae'],
      ['g665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3', 'g665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3'],
    ])('%j → %j', (input, expected) => {
      expect(normalizeCity(input)).toBe(expected);
    });

    // PB's city normalizer returns a 64-hex value unchanged; its getNormalizedAndHashedPII
    // (src/piiUtil/PIIUtil.js) has already trimmed and lower-cased it, and so do we.
    it.each([
      'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3',
      'ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890',
      '8df99a46f811595e1a1de5016e2445bc202f72b946482032a75aec528a0a350d',
      ' A665a45920422F9D417e4867efDC4fb8a04a1f3FFF1fa07E998e86F7f7A27AE3 ',
    ])('passes the SHA-256 %j through, trimmed and lower-cased', (hash) => {
      expect(normalizeCity(hash)).toBe(hash.trim().toLowerCase());
    });
  });
});
