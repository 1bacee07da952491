/**
 * Text steps shared by the field normalizers: Unicode composition, trimming and
 * folding Latin letters to a–z. Kept apart so every field applies them the same way.
 */
import { isSha256Hex } from '../hash.js';
import { builtOnFirstUse } from './built-on-first-use.js';

const NON_ASCII = /[^\x00-\x7f]/;
// Every code unit below U+0300 (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers) is
// its own NFC form and combines with no neighbour: composition starts at a combining mark
// (U+0300 up) or a Hangul jamo. Such text, most names and cities in Latin script included,
// skips normalize('NFC'), a call into ICU and a copy (proved in text.test.ts).
const MAY_CHANGE_UNDER_NFC = /[^\x00-\u02ff]/;
const combiningMarks = builtOnFirstUse(() => /\p{M}/gu);
// Letters that NFD does not split into base + mark, so mark stripping alone
// would delete them (Łódź → odz). Folded the way the cities' own ASCII
// spellings write them (Kraków → krakow, Gießen → giessen, København → kobenhavn).
const UNSPLITTABLE_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i', ħ: 'h', Ħ: 'h', ŧ: 't', Ŧ: 't',
};
const UNSPLITTABLE = /[ßẞæÆœŒøØłŁđĐðÐþÞıħĦŧŦ]/g;

/**
 * NFC-compose and trim one raw input (docs/meta-capi.md §3.1: Meta's documented
 * hash of `valéry` uses the precomposed é). Non-strings and blank strings
 * become '' so callers have one "absent" check.
 */
export function prepareInput(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') return '';
  const composed = MAY_CHANGE_UNDER_NFC.test(raw) ? raw.normalize('NFC') : raw;
  return composed.trim();
}

/** The already-hashed form of `value` (lowercased 64-hex), or undefined if it is not a SHA-256. */
export function asAlreadyHashed(value: string): string | undefined {
  return isSha256Hex(value) ? value.toLowerCase() : undefined;
}

/** Lowercase and fold Latin letters with accents to their base letter (São → sao, Łódź → lodz). */
export function foldToAsciiLower(value: string): string {
  const lower = value.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .replace(UNSPLITTABLE, (letter) => UNSPLITTABLE_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(combiningMarks(), '')
    .normalize('NFC');
}
