import { hashUserFields } from './hash.js';
import { normalizeUser, type NormalizeContext, type NormalizedFields } from './normalize/index.js';
import type { CapiUserData } from '../_contract/records.js';
import type { RawUserFields } from '../_contract/wire.js';

/** Inputs for one event's user_data. The never-hashed ids are already format-checked. */
export interface UserDataInput {
  user?: RawUserFields;
  clientIp?: string;
  userAgent: string;
  fbc?: string;
  fbp?: string;
  /** x-vercel-ip-country: the phone calling code when user.country is absent */
  ipCountry?: string;
  /** DEFAULT_COUNTRY: the last fallback for the calling code */
  defaultCountry?: string;
  now: Date;
}

/** user_data plus the normalized fields (kept in memory only, for the dedup key). */
export interface BuiltUserData {
  userData: CapiUserData;
  normalized: NormalizedFields;
}

/**
 * Normalize and hash the contact fields (a value that can't be normalized is left
 * out, never an error) and add the identifiers Meta wants in the clear:
 * fbc, fbp, client_ip_address, client_user_agent (docs/meta-capi.md §0.2, §3).
 */
export function buildUserData(input: UserDataInput): BuiltUserData {
  let normalized: NormalizedFields = {};
  if (input.user) {
    const ctx: NormalizeContext = { now: input.now };
    if (input.ipCountry) ctx.ipCountry = input.ipCountry;
    if (input.defaultCountry) ctx.defaultCountry = input.defaultCountry;
    normalized = normalizeUser(input.user, ctx);
  }
  // Added field by field onto the hashed keys (no spreads: this runs per event), in the order Meta documents.
  const userData = hashUserFields(normalized) as CapiUserData;
  if (input.clientIp) userData.client_ip_address = input.clientIp;
  userData.client_user_agent = input.userAgent;
  if (input.fbc) userData.fbc = input.fbc;
  if (input.fbp) userData.fbp = input.fbp;
  return { userData, normalized };
}
