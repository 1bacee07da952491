import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashUserFields, isSha256Hex, sha256Hex } from '../../../../api/_pipeline/hash.js';

const independent = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256Hex', () => {
  // Published test vectors (FIPS 180-2 "abc", empty string) pin the encoding.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('hashes %j to the published digest', (input, digest) => {
    expect(sha256Hex(input)).toBe(digest);
  });

  it.each(['canary', 'jane.doe@example.com', 'valéry', '정', 'αντωνίου', '\u{1F600}'])(
    'matches node:crypto createHash over UTF-8 for %j',
    (input) => {
      expect(sha256Hex(input)).toBe(independent(input));
      expect(sha256Hex(input)).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('hashes precomposed and decomposed é differently (why inputs are NFC-normalized first)', () => {
    expect(sha256Hex('val\u00e9ry')).not.toBe(sha256Hex('vale\u0301ry'));
  });
});

describe('isSha256Hex', () => {
  it.each([
    ['a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3', true],
    ['A665A45920422F9D417E4867EFDC4FB8A04A1F3FFF1FA07E998E86F7F7A27AE3', true],
    ['a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae', false], // 63
    ['a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae33', false], // 65
    ['g665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3', false],
    ['d41d8cd98f00b204e9800998ecf8427e', false], // MD5-shaped: not a SHA-256
    ['', false],
  ])('%j → %s', (input, expected) => {
    expect(isSha256Hex(input)).toBe(expected);
  });
});

describe('hashUserFields', () => {
  it('hashes every value into a one-element array and passes 64-hex values through lowercased', () => {
    const upperHash = independent('someone@example.com').toUpperCase();
    expect(hashUserFields({ em: upperHash, fn: 'jane', country: 'us' })).toEqual({
      em: [upperHash.toLowerCase()],
      fn: [independent('jane')],
      country: [independent('us')],
    });
  });

  it('omits absent and empty values', () => {
    expect(hashUserFields({ em: undefined, ph: '' })).toEqual({});
  });

  it('gives the right digest for short values (remembered after the first) on every call', () => {
    // Values of at most 2 characters go through a bounded memo: more distinct ones than it keeps,
    // each asked three times, including after it has started to evict, must all hash correctly.
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789é정';
    const values = [...letters].flatMap((first) => [first, ...[...letters].map((second) => first + second)]);
    expect(values.length).toBeGreaterThan(1024);
    for (let round = 0; round < 3; round++) {
      for (const value of values) expect(hashUserFields({ st: value }), value).toEqual({ st: [independent(value)] });
    }
    expect(hashUserFields({ ct: 'abc', country: 'us', ge: 'f' })).toEqual({ ct: [independent('abc')], country: [independent('us')], ge: [independent('f')] });
  });
});
