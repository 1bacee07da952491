import { asAlreadyHashed, foldToAsciiLower, prepareInput } from './text.js';

const NOT_A_TO_Z_OR_DIGIT = /[^a-z0-9]+/g;
const STARTS_WITH_LETTER = /^[a-z]/;

/**
 * `ct`: lowercase a–z and digits only, starting with a letter, else absent
 * (PB, meta-capi.md §3.1). Unlike PB, accents are folded before the strip:
 * PB turns `São Paulo` into `sopaulo` by deleting the `ã`, which matches
 * nobody who typed it with or without the accent; `saopaulo` is what Meta's
 * a–z recommendation (§3 `ct`) yields for the plain spelling.
 */
export function normalizeCity(raw: unknown): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const city = foldToAsciiLower(value).replace(NOT_A_TO_Z_OR_DIGIT, '');
  return STARTS_WITH_LETTER.test(city) ? city : undefined;
}
