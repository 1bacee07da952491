import { builtOnFirstUse } from './built-on-first-use.js';
import { asAlreadyHashed, prepareInput } from './text.js';

const notAlphanumeric = builtOnFirstUse(() => /[^\p{L}\p{N}]+/gu);
const NON_DIGITS = /\D+/g; // without the u flag \d is 0–9 only, so what is left is ASCII digits
const US_ZIP_PLUS_4 = /^\d{5}-?\s*\d{4}$/;
const NINE_DIGITS = /^\d{9}$/;
const MIN_LENGTH = 2; // PB drops shorter values (docs/meta-capi.md §3.1 `zp`)

/**
 * `zp`: lowercase, no whitespace at all (the docs forbid spaces, PB keeps
 * them: `NR9 5AL` → `nr95al`), only the part before the first `-`. US codes
 * (country `us`, or a ZIP+4 / 9-digit shape) keep their first 5 digits
 * (docs/meta-capi.md §3 `zp`). `country` is the normalized ISO2 if known.
 */
export function normalizeZip(raw: unknown, country?: string): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const lower = value.toLowerCase();
  if (country === 'us' || US_ZIP_PLUS_4.test(lower)) {
    const digits = lower.replace(NON_DIGITS, '');
    // A US ZIP is exactly 5 digits, or 9 with the +4; anything else is a typo.
    return digits.length === 5 || digits.length === 9 ? digits.slice(0, 5) : undefined;
  }
  const dash = lower.indexOf('-');
  const zip = (dash === -1 ? lower : lower.slice(0, dash)).replace(notAlphanumeric(), '');
  if (NINE_DIGITS.test(zip) && country === undefined) return zip.slice(0, 5);
  return zip.length >= MIN_LENGTH ? zip : undefined;
}
