/**
 * libphonenumber, for the phone numbers that need it: a lazy part
 * (`#lazy/_pipeline/normalize/libphonenumber`, docs/platform.md §1.12), bundled on its own and
 * loaded by phone-parser.ts on the first number written nationally outside North America. Numbers
 * written with + and North American ones never need it, and compiling it cost every cold event
 * function ~8% of what it adds over a bare handler (issue 13; docs/platform.md §1.13).
 */
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';

// The metadata (83 KB of JSON, the same data as libphonenumber-js/min), read with this part. Through
// a require of our own (not `require`, which a bundler would inline) so it stays a file of the
// package, which Vercel's file tracing ships beside the part (test/browser/vercel-output.test.ts).
// (In this form — a named require called with the file's name — the tracer follows it.)
const readPackageFile = createRequire(import.meta.url);
const metadata = readPackageFile('libphonenumber-js/metadata.min.json') as MetadataJson;

/** Calling code + national number of a number written nationally for `country`, if it is a possible number. */
export function parseNational(national: string, country: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(national, country, metadata);
  return parsed?.isPossible() ? parsed.countryCallingCode + parsed.nationalNumber : undefined;
}

/** The same for digits read as `+digits`: undefined unless they start with a real calling code and have a possible length. */
export function parseInternational(digits: string): string | undefined {
  const parsed = parsePhoneNumberFromString(`+${digits}`, metadata);
  return parsed?.isPossible() ? parsed.countryCallingCode + parsed.nationalNumber : undefined;
}
