import type { HashedKey } from '../../_contract/records.js';
import type { RawUserFields } from '../../_contract/wire.js';
import { normalizeCity } from './city.js';
import { normalizeCountry } from './country.js';
import { normalizeDateOfBirth } from './date-of-birth.js';
import { normalizeEmail } from './email.js';
import { normalizeExternalId } from './external-id.js';
import { splitFullName } from './full-name.js';
import { normalizeGender } from './gender.js';
import { normalizeName } from './name.js';
import { normalizePhone } from './phone.js';
import { normalizeState } from './state.js';
import { normalizeZip } from './zip.js';

export { normalizeCity, normalizeCountry, normalizeDateOfBirth, normalizeEmail, normalizeExternalId };
export { normalizeGender, normalizeName, normalizePhone, normalizeState, normalizeZip, splitFullName };

/** Request facts that steer normalization; none of them is user input. */
export interface NormalizeContext {
  /** visitor's country from Vercel's x-vercel-ip-country (ISO2, any case), used for phone calling code when user.country is absent */
  ipCountry?: string;
  /** DEFAULT_COUNTRY env (ISO2 lowercase), last fallback for the phone calling code */
  defaultCountry?: string;
  /** for date-of-birth year bounds; default new Date() */
  now?: Date;
}

/** One normalized value per key. Values that could not be normalized are absent (never an error). A
 * value that already was a SHA-256 (64 hex) is returned lowercased and marked by being 64-hex. */
export type NormalizedFields = Partial<Record<HashedKey, string>>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Normalize the visitor's raw fields into Meta's `user_data` keys, ready for
 * `hashUserFields` (docs/meta-capi.md §3, profile §3.2). Never throws, except
 * PhoneParserNotLoaded for a national phone number that needs libphonenumber
 * before it is loaded: call it through withPhoneParser() (phone-parser.ts).
 */
export function normalizeUser(user: RawUserFields, ctx: NormalizeContext): NormalizedFields {
  const out: NormalizedFields = {};
  const country = normalizeCountry(user.country);
  // A hashed country cannot steer state, ZIP or phone rules.
  const countryCode = country !== undefined && !SHA256_HEX.test(country) ? country : undefined;

  set(out, 'em', normalizeEmail(user.email));
  set(out, 'ph', normalizePhone(user.phone, countryCode ?? validIso2(ctx.ipCountry) ?? validIso2(ctx.defaultCountry)));
  let fn = normalizeName(user.first_name);
  let ln = normalizeName(user.last_name);
  if ((fn === undefined || ln === undefined) && user.full_name !== undefined) {
    const split = splitFullName(user.full_name);
    fn ??= split.fn;
    ln ??= split.ln;
  }
  set(out, 'fn', fn);
  set(out, 'ln', ln);
  set(out, 'ct', normalizeCity(user.city));
  set(out, 'st', normalizeState(user.state, countryCode));
  set(out, 'zp', normalizeZip(user.zip, countryCode));
  set(out, 'country', country);
  set(out, 'db', normalizeDateOfBirth(user.date_of_birth, ctx.now));
  set(out, 'ge', normalizeGender(user.gender));
  set(out, 'external_id', normalizeExternalId(user.external_id));
  return out;
}

function set(out: NormalizedFields, key: HashedKey, value: string | undefined): void {
  if (value !== undefined) out[key] = value;
}

/** An ISO2 from a header or env, only if it names a real country (Vercel sends e.g. `XX` when unknown). */
function validIso2(value: string | undefined): string | undefined {
  if (value === undefined || value.length !== 2) return undefined;
  const code = normalizeCountry(value);
  return code !== undefined && code.length === 2 ? code : undefined;
}
