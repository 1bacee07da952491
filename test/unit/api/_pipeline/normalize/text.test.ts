import { describe, expect, it } from 'vitest';
import { prepareInput } from '../../../../../api/_pipeline/normalize/text.js';
import { seededRandom } from '../../../../support/seeded-random.js';

// prepareInput skips normalize('NFC') for text whose code units are all below U+0300 (text.ts).
describe('prepareInput', () => {
  it('finds every code unit below U+0300 to be its own NFC form', () => {
    for (let code = 0; code < 0x300; code++) {
      const char = String.fromCharCode(code);
      expect(char.normalize('NFC'), `U+${code.toString(16)}`).toBe(char);
    }
  });

  it('finds no pair of code units below U+0300 that NFC composes or reorders', () => {
    // Composition acts on a starter and what follows it, so pairs are where it would show.
    const chars = Array.from({ length: 0x300 }, (_, code) => String.fromCharCode(code));
    let changed = 0;
    for (const first of chars) for (const second of chars) if ((first + second).normalize('NFC') !== first + second) changed++;
    expect(changed).toBe(0);
  });

  it('gives what NFC-then-trim gives on 20,000 seeded random strings around the U+0300 boundary', () => {
    // Latin text, the boundary itself (combining marks from U+0300), Hangul jamo, other scripts.
    const pool = ['a', 'E', ' ', '\t', '\u00a0', 'é', 'ß', 'ł', 'ǅ', 'ʰ', '˿', '\u0300', '\u0301', '\u0308', '\u0327', 'Å', '\u1100', '\u1161', '가', 'α', '\u212b', 'ﬁ', '\ud83d\ude00'];
    const next = seededRandom(11);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let length = next(8); length > 0; length--) text += pool[next(pool.length)]!;
      expect(prepareInput(text), JSON.stringify(text)).toBe(text.normalize('NFC').trim());
    }
  });

  it('turns non-strings and blank text into an empty string', () => {
    for (const raw of [undefined, null, 42, {}, '', '   ']) expect(prepareInput(raw)).toBe('');
  });
});
