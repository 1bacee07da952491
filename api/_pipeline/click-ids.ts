/**
 * Format checks for Meta's click and browser ids (docs/meta-capi.md §4.1):
 * `fb.<subdomainIndex>.<creationTime ms, 13 digits>.<payload>[.<appendix>]`.
 * Values are compared as-is: they are never hashed, lowercased or decoded,
 * because the fbclid is case-sensitive (docs/meta-capi.md §0.2).
 */

// fbclid and the Parameter Builder appendix are base64url-like; PB ignores fbclids over 500 chars (§4.3).
const FBC = /^fb\.\d\.\d{13}\.[A-Za-z0-9_-]{1,500}(\.[A-Za-z0-9_-]{2,16})?$/;
// the _fbp random part is decimal digits (Pixel and PB both mint integers, §4.1).
const FBP = /^fb\.\d\.\d{13}\.\d{1,32}(\.[A-Za-z0-9_-]{2,16})?$/;

/** True when `value` is a well-formed `fbc`. */
export function isValidFbc(value: string | undefined): value is string {
  return value !== undefined && FBC.test(value);
}

/** True when `value` is a well-formed `fbp`. */
export function isValidFbp(value: string | undefined): value is string {
  return value !== undefined && FBP.test(value);
}

/** The first well-formed candidate, in precedence order; malformed ones are dropped. */
export function pickClickId(isValid: (v: string | undefined) => boolean, ...candidates: (string | undefined)[]): string | undefined {
  return candidates.find((candidate) => isValid(candidate));
}
