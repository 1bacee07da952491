import { describe, expect, it } from 'vitest';
import { normalizeState } from '../../../../../api/_pipeline/normalize/state.js';
import { US_CA_STATE_BY_NAME, US_CA_STATE_CODES } from '../../../../../api/_pipeline/normalize/us-ca-states.js';

describe('normalizeState', () => {
  it.each([
    ['New York', 'ny'],
    ['  California  ', 'ca'],
    ['california', 'ca'], // docs/meta-capi.md §10: never hashed verbatim
    ['Ontario', 'on'],
    ['CA', 'ca'],
    ['ny', 'ny'],
    ['N.Y.', 'ny'],
    ['Calif.', 'ca'],
    ['Tex.', 'tx'], // PB truncates to `te`
    ['Québec', 'qc'], // PB truncates to `qu`
    ['Quebec', 'qc'],
    ['Washington, D.C.', 'dc'], // PB gives `wa`
    ['District of Columbia', 'dc'],
    ['Washington', 'wa'],
    ['Mass.', 'ma'],
    ['Penna.', 'pa'],
    ['British Columbia', 'bc'],
    ['Newfoundland and Labrador', 'nl'],
    ['Puerto Rico', 'pr'],
    ['NORTH CAROLINA', 'nc'],
  ])('%j (country unknown) → %j', (input, expected) => {
    expect(normalizeState(input)).toBe(expected);
    expect(normalizeState(input, 'us')).toBe(expected);
  });

  it.each([
    ['Bayern', 'de', 'bayern'],
    ['Île-de-France', 'fr', 'iledefrance'],
    ['New South Wales', 'au', 'newsouthwales'],
    ['NSW', 'au', 'nsw'],
    ['MI', 'it', 'mi'],
    ['Georgia', 'ge', 'georgia'], // outside US/CA no US mapping applies
  ])('%j in %s → %j (lowercase, no punctuation/spaces)', (input, country, expected) => {
    expect(normalizeState(input, country)).toBe(expected);
  });

  it.each([
    ['SP', undefined, 'sp'], // no country: a 2-letter code is kept as a region code
    ['Bavaria', undefined, undefined], // no country: an unknown name cannot be checked
    ['Calfornia', 'us', undefined], // misspelt
    ['ZZ', 'us', undefined], // no US/CA code
    ['', 'us', undefined],
    ['...', 'de', undefined],
  ])('%j in %s → %j', (input, country, expected) => {
    expect(normalizeState(input, country)).toBe(expected);
  });

  it('lists 50 states, DC, 5 territories, UM, 3 military codes and 13 provinces and territories, each mapping to itself', () => {
    expect(US_CA_STATE_CODES.size).toBe(50 + 1 + 5 + 1 + 3 + 13);
    for (const code of US_CA_STATE_CODES) {
      expect(code).toMatch(/^[a-z]{2}$/);
      expect(US_CA_STATE_BY_NAME.get(code)).toBe(code);
    }
  });
});
