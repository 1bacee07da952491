import type { CountryCode } from 'libphonenumber-js/core';
import { phoneParser } from './phone-parser.js';
import { asAlreadyHashed, prepareInput } from './text.js';

// An extension is never part of the number Meta matches (docs/meta-capi.md §10:
// "with +/00/extension kept → different hash"). Markers: RFC 3966 `;ext=`,
// `ext`, `ext.`, `extn`, `extension`, `x`, `#`, each followed by digits up to the end.
export const EXTENSION = /(?:;\s*ext\s*=|\b(?:ext(?:ension|n)?\.?)|(?<=[\d\s).-])x\.?|#)\s*:?\s*\d[\d\s-]*$/i;
// Every marker holds an `x` (`;ext=`, `ext`, `extn`, `extension`, `x`) or is `#`. Most numbers
// hold neither, and this scan costs a fraction of EXTENSION's search with its lookbehind.
const MAY_HOLD_EXTENSION = /[x#]/i;
// "+44 (0)20 …": the trunk 0 written in brackets inside an international number.
const BRACKETED_TRUNK_ZERO = /\(\s*0\s*\)/g;
const NON_DIGITS = /\D+/g;
const LEADING_ZEROS = /^0+/;
const INTERNATIONAL_PREFIX = /^(?:\+|00)/;
// E.164: at most 15 digits; the shortest numbers in use (e.g. +683 xxxx) have 7.
const MIN_INTERNATIONAL_DIGITS = 7;
const MAX_INTERNATIONAL_DIGITS = 15;
const ISO2 = /^[a-z]{2}$/i;
// North American numbers: 10 digits not starting with 0/1, or the same after
// the trunk 1. For US/CA this gives exactly libphonenumber's "possible"
// result (checked in phone.test.ts) at a fraction of the cost of a parse.
const NANP_TEN = /^[2-9]\d{9}$/;
const NANP_ELEVEN = /^1[2-9]\d{9}$/;

/**
 * `ph`: digits with the country calling code, no `+`, no leading zeros, no
 * extension (docs/meta-capi.md §3, §3.2).
 *
 * - Written internationally (`+…` / `00…`): the calling code is already there;
 *   keep the digits (no libphonenumber on this hot path).
 * - Written nationally: parsed with libphonenumber for `countryIso2`, which
 *   drops the trunk prefix (UK `07700 900123` → `447700900123`).
 * - No country, or the national parse is impossible: the digits are kept only
 *   if they already read as a possible international number (PB keeps digits
 *   as-is; Meta says a number without its code never matches, so a digit
 *   string that starts with no calling code is dropped rather than hashed wrong).
 *
 * The national parse needs libphonenumber, loaded on first need (phone-parser.ts): before
 * it is loaded that case throws PhoneParserNotLoaded, and withPhoneParser() loads it.
 */
export function normalizePhone(raw: unknown, countryIso2?: string): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;

  const number = withoutExtension(value);
  if (INTERNATIONAL_PREFIX.test(number)) {
    const digits = number.replace(BRACKETED_TRUNK_ZERO, '').replace(NON_DIGITS, '').replace(LEADING_ZEROS, '');
    return isInternationalLength(digits) ? digits : undefined;
  }

  const national = number.replace(NON_DIGITS, '');
  if (national === '') return undefined;
  const country = toCountryCode(countryIso2);
  if (country === 'US' || country === 'CA') {
    if (NANP_TEN.test(national)) return `1${national}`;
    if (NANP_ELEVEN.test(national)) return national;
  }
  if (country) {
    const parsed = parseNationalWithLibphonenumber(national, country);
    if (parsed) return parsed;
  }
  return possibleInternationalDigits(national.replace(LEADING_ZEROS, ''));
}

/** `value` (trimmed) without a trailing extension. Exported for the equivalence test of its pre-check. */
export function withoutExtension(value: string): string {
  // prepareInput trimmed `value` already, so with no marker the trim below would change nothing.
  return MAY_HOLD_EXTENSION.test(value) ? value.replace(EXTENSION, '').trim() : value;
}

function isInternationalLength(digits: string): boolean {
  return digits.length >= MIN_INTERNATIONAL_DIGITS && digits.length <= MAX_INTERNATIONAL_DIGITS;
}

/** Digits that, read as `+digits`, start with a real calling code and have a possible length. */
function possibleInternationalDigits(digits: string): string | undefined {
  if (!isInternationalLength(digits)) return undefined;
  return phoneParser().parseInternational(digits);
}

/** Exported for the equivalence test of the North American fast path. */
export function parseNationalWithLibphonenumber(national: string, country: CountryCode): string | undefined {
  return phoneParser().parseNational(national, country);
}

function toCountryCode(iso2: string | undefined): CountryCode | undefined {
  if (!iso2 || !ISO2.test(iso2)) return undefined;
  const upper = iso2.toUpperCase();
  // The UK's ISO code is GB; `uk` is a common slip (see country.ts).
  return (upper === 'UK' ? 'GB' : upper) as CountryCode;
}
