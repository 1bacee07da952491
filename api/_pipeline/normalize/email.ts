import { builtOnFirstUse } from './built-on-first-use.js';
import { asAlreadyHashed, prepareInput } from './text.js';

// Dot-atoms of RFC 5322 `atext` (plus letters of any script for internationalised
// addresses) @ hostname labels and a TLD of ≥2 letters (or an IDN `xn--` label).
// Quoted local parts, IP-literal domains and underscores in the domain are refused:
// PB refuses them too (docs/meta-capi.md §3.1 `em`).
const ATEXT = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]";
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const unicodeEmail = builtOnFirstUse(() => new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*@(?:${LABEL}\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})$`, 'u'));
// The same shape for plain ASCII, which most addresses are: a non-Unicode
// regex is several times cheaper on this hot path.
const ASCII_EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const NON_ASCII = /[^\x00-\x7f]/;
const MAX_LOCAL = 64; // RFC 5321 §4.5.3.1.1
const MAX_ADDRESS = 254; // RFC 5321 path limit minus the angle brackets

/**
 * `em`: trim + lowercase, keep dots and `+tags` (Meta does not canonicalise
 * Gmail-style aliases), then a strict shape check; anything invalid is absent.
 * A 32-hex (MD5-shaped) value is NOT passed through like PB does: it is no
 * email and Meta only matches SHA-256, so it is dropped as invalid.
 */
export function normalizeEmail(raw: unknown): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const email = value.toLowerCase();
  if (email.length > MAX_ADDRESS) return undefined;
  const at = email.lastIndexOf('@');
  if (at > MAX_LOCAL) return undefined;
  const valid = NON_ASCII.test(email) ? unicodeEmail().test(email) : ASCII_EMAIL.test(email);
  return valid ? email : undefined;
}
