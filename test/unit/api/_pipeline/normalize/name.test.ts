import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { splitFullName } from '../../../../../api/_pipeline/normalize/full-name.js';
import { normalizeName } from '../../../../../api/_pipeline/normalize/name.js';

describe('normalizeName', () => {
  it.each([
    ['Valéry', 'valéry'], // docs/meta-capi.md §3: accents kept
    ['Vale\u0301ry', 'valéry'], // decomposed input is composed (NFC) first
    ['정', '정'],
    ['José María González', 'josémaríagonzález'],
    ['Αντωνίου', 'αντωνίου'],
    ["O'Connor", 'oconnor'],
    ['O’Connor', 'oconnor'], // typographic apostrophe is punctuation too
    ['Jean–Luc', 'jeanluc'], // en dash: PB keeps non-ASCII punctuation, we do not
    ['Mary\u00a0Ann', 'maryann'], // NBSP
    ['  John Smith  ', 'johnsmith'],
    ['Dr. John Smith', 'drjohnsmith'], // a first-name field is taken as typed, like PB
    ['ANNE-MARIE', 'annemarie'],
    ['Zoë\u200b', 'zoë'], // zero-width space is a format character
    ['Łukasz', 'łukasz'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it("hashes Meta's `valéry` example from the precomposed é whatever the input form", () => {
    const precomposed = createHash('sha256').update('val\u00e9ry', 'utf8').digest('hex');
    expect(createHash('sha256').update(normalizeName('VALE\u0301RY')!, 'utf8').digest('hex')).toBe(precomposed);
  });

  it.each(['', '   ', '...', '—', '\u00a0'])('%j → absent', (input) => {
    expect(normalizeName(input)).toBeUndefined();
  });
});

describe('splitFullName', () => {
  it.each([
    ['Jane Doe', { fn: 'jane', ln: 'doe' }],
    ['  jane   DOE ', { fn: 'jane', ln: 'doe' }],
    ['Jane Q. Public', { fn: 'jane', ln: 'public' }], // middle names are dropped
    ['Mr. John Smith', { fn: 'john', ln: 'smith' }],
    ['Mrs Maria de la Cruz III', { fn: 'maria', ln: 'delacruz' }],
    ['Dr. Jan van der Berg Jr.', { fn: 'jan', ln: 'vanderberg' }],
    ['Ludwig van Beethoven', { fn: 'ludwig', ln: 'vanbeethoven' }],
    ['John Smith, Jr.', { fn: 'john', ln: 'smith' }],
    ['Smith, John', { fn: 'john', ln: 'smith' }],
    ['Prof. Dr. Anna Schmidt, PhD', { fn: 'anna', ln: 'schmidt' }],
    ['José María González', { fn: 'josé', ln: 'gonzález' }],
    ['Madonna', { fn: 'madonna' }], // one word → first name only
    ['Mr.', {}], // an honorific alone is no name
    ['Don Draper', { fn: 'don', ln: 'draper' }], // Don is a first name, not the Spanish title
    ['', {}],
    ['  ,  ', {}],
  ])('%j → %j', (input, expected) => {
    expect(splitFullName(input)).toEqual(expected);
  });
});
