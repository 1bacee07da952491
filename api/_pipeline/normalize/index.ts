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

/**
 * Normalize the visitor's raw fields into Meta's `user_data` keys, ready for
 * `hashUserFields` (docs/meta-capi.md §3, profile §3.2). Never throws, except
 * PhoneParserNotLoaded for a national phone number that needs libphonenumber
 * before it is loaded: call it through withPhoneParser() (phone-parser.ts).
 */
export function normalizeUser(user: RawUserFields, ctx: NormalizeContext): NormalizedFields {
  const out: NormalizedFields = {};
  const country = normalizeCountry(user.country);
  // A hashed country cannot steer state, ZIP or phone rules. normalizeCountry gives an ISO2 or a
  // 64-hex hash, so the length tells them apart without a regex.
  const countryCode = country !== undefined && country.length === 2 ? country : undefined;

  // Named stores, one per key in Meta's order (the order the payload is written in): a store
  // through a variable key goes megamorphic across the keys and cost more than any one field.
  const em = normalizeEmail(user.email);
  if (em !== undefined) out.em = em;
  const ph = normalizePhone(user.phone, countryCode ?? validIso2(ctx.ipCountry) ?? validIso2(ctx.defaultCountry));
  if (ph !== undefined) out.ph = ph;
  let fn = normalizeName(user.first_name);
  let ln = normalizeName(user.last_name);
  if ((fn === undefined || ln === undefined) && user.full_name !== undefined) {
    const split = splitFullName(user.full_name);
    fn ??= split.fn;
    ln ??= split.ln;
  }
  if (fn !== undefined) out.fn = fn;
  if (ln !== undefined) out.ln = ln;
  const ct = normalizeCity(user.city);
  if (ct !== undefined) out.ct = ct;
  const st = normalizeState(user.state, countryCode);
  if (st !== undefined) out.st = st;
  const zp = normalizeZip(user.zip, countryCode);
  if (zp !== undefined) out.zp = zp;
  if (country !== undefined) out.country = country;
  const db = normalizeDateOfBirth(user.date_of_birth, ctx.now);
  if (db !== undefined) out.db = db;
  const ge = normalizeGender(user.gender);
  if (ge !== undefined) out.ge = ge;
  const externalId = normalizeExternalId(user.external_id);
  if (externalId !== undefined) out.external_id = externalId;
  return out;
}

/** An ISO2 from a header or env, only if it names a real country (Vercel sends e.g. `XX` when unknown). */
function validIso2(value: string | undefined): string | undefined {
  if (value === undefined || value.length !== 2) return undefined;
  const code = normalizeCountry(value);
  return code !== undefined && code.length === 2 ? code : undefined;
}
