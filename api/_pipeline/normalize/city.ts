import { asAlreadyHashed, prepareInput } from './text.js';

const NOT_LATIN_LETTER_OR_DIGIT = /[^A-Za-z0-9]+/g;
const STARTS_WITH_LETTER = /^[a-z]/;

/**
 * `ct`: only the letters a–z and digits, lowercase, starting with a letter,
 * else absent — exactly as capi-param-builder (stringUtil.js, strip mode
 * `all_non_latin_alpha_numeric`), Meta's own normalizer that the official
 * Node SDK and the browser library share (docs/meta-capi.md §3.1). Other letters
 * are deleted, not transliterated: `São Paulo` → `sopaulo`, `Zürich` →
 * `zrich`, `東京` → absent. Folding accents (`saopaulo`) would be our own
 * guess at what Meta hashes; the reference is the one Meta ships. Input is
 * NFC-composed first (text.ts), so `São` typed with a combining tilde gives
 * the same `sopaulo` as the precomposed ã.
 */
export function normalizeCity(raw: unknown): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  // Stripped before lower-casing, as PB does: `İ` or the Kelvin sign lower-case to ASCII letters.
  const city = value.replace(NOT_LATIN_LETTER_OR_DIGIT, '').toLowerCase();
  return STARTS_WITH_LETTER.test(city) ? city : undefined;
}
