import { describe, expect, it } from 'vitest';
import { normalizeExternalId } from '../../../../../api/_pipeline/normalize/external-id.js';

describe('normalizeExternalId', () => {
  it.each([
    ['  User123  ', 'user123'],
    ['Customer 42 A', 'customer42a'],
    ['crm:ABC-123', 'crm:abc-123'], // punctuation is part of the id: only case and whitespace change
    ['id\u00a0\t7', 'id7'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'd41d8cd98f00b204e9800998ecf8427e'], // an MD5-shaped id is just an id, hashed later
    ['DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    [
      'A665A45920422F9D417E4867EFDC4FB8A04A1F3FFF1FA07E998E86F7F7A27AE3',
      'a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3',
    ],
  ])('%j → %j', (input, expected) => {
    expect(normalizeExternalId(input)).toBe(expected);
  });

  it.each(['', '   ', '\u00a0'])('%j → absent', (input) => {
    expect(normalizeExternalId(input)).toBeUndefined();
  });
});

describe('the whitespace external_id drops', () => {
  it('is every Unicode space, line and paragraph separator and every JavaScript white space: a code point between two letters is dropped exactly when it is one', () => {
    const separatorOrSpace = /^[\s\p{Z}]$/u;
    const wrong: string[] = [];
    for (let code = 0; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates are not text
      const char = String.fromCodePoint(code);
      // Between two letters, so trimming never hides the answer.
      const dropped = normalizeExternalId(`a${char}b`) === 'ab';
      if (dropped !== separatorOrSpace.test(char)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
