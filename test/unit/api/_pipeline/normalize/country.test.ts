import { describe, expect, it, vi } from 'vitest';
import { COUNTRY_NAMES_BY_CODE } from '../../../../../api/_pipeline/normalize/country-names.js';
import { COUNTRY_ALIASES, COUNTRY_ALPHA3, countryNameKey, normalizeCountry } from '../../../../../api/_pipeline/normalize/country.js';

describe('normalizeCountry', () => {
  it.each([
    ['United States', 'us'],
    ['       United States       ', 'us'],
    ['USA', 'us'],
    ['usa', 'us'], // docs/meta-capi.md §10: never hashed verbatim
    ['U.S.', 'us'],
    ['U.S.A.', 'us'],
    ['United States of America', 'us'],
    ['US', 'us'],
    ['United Kingdom', 'gb'],
    ['UK', 'gb'], // not an ISO code, but what people mean
    ['U.K.', 'gb'],
    ['Great Britain', 'gb'],
    ['England', 'gb'],
    ['GBR', 'gb'],
    ['Germany', 'de'],
    ['GERMANY', 'de'],
    ['Deutschland', 'de'],
    ['Allemagne', 'de'],
    ['Österreich', 'at'],
    ['Schweiz', 'ch'],
    ['España', 'es'],
    ['Brasil', 'br'],
    ['França', 'fr'],
    ['Nederland', 'nl'],
    ['Holland', 'nl'],
    ["Côte d'Ivoire", 'ci'],
    ['Ivory Coast', 'ci'],
    ['Czech Republic', 'cz'],
    ['Czechia', 'cz'],
    ['South Korea', 'kr'],
    ['Korea', 'kr'],
    ['North Korea', 'kp'],
    ['Russian Federation', 'ru'],
    ['Россия', 'ru'],
    ['日本', 'jp'],
    ['中国', 'cn'],
    ['Democratic Republic of the Congo', 'cd'],
    ['Congo', 'cg'],
    ['Trinidad and Tobago', 'tt'],
    ['Trinidad & Tobago', 'tt'],
    ['Bosnia and Herzegovina', 'ba'],
    ['St. Lucia', 'lc'],
    ['Türkiye', 'tr'],
    ['Turkey', 'tr'],
    ['UAE', 'ae'],
    ['Vatican', 'va'],
    ['Burma', 'mm'],
    ['Swaziland', 'sz'],
    ['Macedonia', 'mk'],
    ['Éire', 'ie'],
    ['Svalbard', 'sj'],
    ['Saint Vincent and the Grenadines', 'vc'],
    ['United\tStates', 'us'],
    ['de', 'de'],
    ['XK', undefined], // Kosovo's code is user-assigned, not ISO 3166-1
  ])('%j → %j', (input, expected) => {
    expect(normalizeCountry(input)).toBe(expected);
  });

  // PB keeps any 2 letters (`uu`, `xx`) and truncates unknown names (`Invalid…` → `in`);
  // a wrong code matches nobody, so unknown values are absent here.
  it.each(['uu', 'XX', 'ZZ', 'InvalidCountry', 'SomeRandomLongCountryName', 'USSR', '123', '!!!', '', '   ', 'U'])(
    '%j → absent',
    (input) => {
      expect(normalizeCountry(input)).toBeUndefined();
    },
  );

  it('passes an already-hashed value through lowercased', () => {
    const hash = '79ADB2A2FCE5C6BA215FE5F27F532D4E7EDBAC4B6A5E09E1EF3A08084A904621';
    expect(normalizeCountry(hash)).toBe(hash.toLowerCase());
  });
});

describe('COUNTRY_NAMES_BY_CODE', () => {
  const codes = Object.keys(COUNTRY_NAMES_BY_CODE);

  it('holds the 249 ISO 3166-1 alpha-2 codes, each normalizing to itself', () => {
    expect(codes).toHaveLength(249);
    for (const code of codes) expect(normalizeCountry(code.toUpperCase())).toBe(code);
  });

  it("maps every country's current English CLDR name to its code", () => {
    const english = new Intl.DisplayNames(['en'], { type: 'region' });
    const misses = codes.filter((code) => normalizeCountry(english.of(code.toUpperCase())) !== code);
    expect(misses).toEqual([]);
  });

  it('stores only keys already in lookup form and never one name for two codes', () => {
    const seen = new Map<string, string>();
    for (const [code, names] of Object.entries(COUNTRY_NAMES_BY_CODE)) {
      for (const name of names.split(' ')) {
        expect(countryNameKey(name)).toBe(name);
        expect(seen.get(name) ?? code).toBe(code);
        seen.set(name, code);
      }
    }
    expect(seen.size).toBeGreaterThan(1000);
    for (const table of [COUNTRY_ALIASES, COUNTRY_ALPHA3]) {
      for (const [code, names] of Object.entries(table)) {
        expect(codes).toContain(code);
        for (const name of names.split(' ')) {
          expect(countryNameKey(name)).toBe(name);
          expect(name).not.toMatch(/^[a-z]{2}$/); // 2 letters are read as codes, never names
          expect(seen.get(name) ?? code).toBe(code);
          seen.set(name, code);
        }
      }
    }
  });
});

describe('the country name index, built on first need', () => {
  it('is not built for codes, and is built for the first name', async () => {
    vi.resetModules();
    const fresh = await import('../../../../../api/_pipeline/normalize/country.js');
    expect(fresh.normalizeCountry('DE')).toBe('de');
    expect(fresh.normalizeCountry('uk')).toBe('gb');
    expect(fresh.nameIndexBuilt()).toBe(false);
    expect(fresh.normalizeCountry('Deutschland')).toBe('de');
    expect(fresh.nameIndexBuilt()).toBe(true);
  });
});

describe('remembered answers', () => {
  // normalizeCountry remembers its answer per spelling (at most 512, FIFO): more spellings than
  // that, asked three times each, must keep their own code through the evictions.
  it('gives each of 1,000+ names its code on every asking', () => {
    const cases = Object.entries(COUNTRY_NAMES_BY_CODE).flatMap(([code, names]) => names.split(' ').map((name) => [name.toUpperCase(), code] as const));
    expect(cases.length).toBeGreaterThan(1000);
    for (let round = 0; round < 3; round++) for (const [name, code] of cases) expect(normalizeCountry(name), name).toBe(code);
  });

  it('answers spellings too long to keep, and non-strings, the same every time', () => {
    const padded = `${' '.repeat(40)}Deutschland${' '.repeat(40)}`;
    for (let round = 0; round < 2; round++) {
      expect(normalizeCountry(padded)).toBe('de');
      expect(normalizeCountry(42)).toBeUndefined();
      expect(normalizeCountry(['de'])).toBeUndefined();
    }
  });
});
