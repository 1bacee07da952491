import { builtOnFirstUse } from './built-on-first-use.js';
import { asAlreadyHashed, prepareInput } from './text.js';

// Whitespace of every kind (NBSP included), punctuation (ASCII and Unicode, so
// also `–` and `’`), symbols and invisible format characters. Letters of every
// script, their accents and digits stay (docs/meta-capi.md §3: `valéry`, `정`).
const notNameText = builtOnFirstUse(() => /[\s\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}]+/gu);
const ASCII_NAME_NOISE = /[^a-z0-9]+/g;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * `fn` / `ln`: lowercase, no whitespace or punctuation, accents and other
 * scripts kept (`José María` → `josémaría`, `Αντωνίου` → `αντωνίου`).
 */
export function normalizeName(raw: unknown): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const lower = value.toLowerCase();
  // ASCII fast path: most names need no Unicode property classes.
  const name = NON_ASCII.test(lower) ? lower.replace(notNameText(), '') : lower.replace(ASCII_NAME_NOISE, '');
  return name === '' ? undefined : name;
}
