import { sha256Hex } from './hash.js';
import { normalizeEmail, normalizeExternalId, normalizePhone } from './normalize/index.js';
import type { CapiUserData } from '../_contract/records.js';

/**
 * Identity index entries (_store/store.ts ClaimInput.identities): the kind
 * and the SHA-256 Meta gets anyway, never a raw value. The claim files each
 * event under them; search and erasure look a person up by them.
 */
export type IdentityKind = 'em' | 'ph' | 'external_id';

const KINDS: readonly IdentityKind[] = ['em', 'ph', 'external_id'];

/** The entries of one event, from its hashed user_data. */
export function identitiesOf(userData: CapiUserData | undefined): string[] {
  const out: string[] = [];
  if (!userData) return out;
  for (const kind of KINDS) for (const hash of userData[kind] ?? []) out.push(`${kind}:${hash}`);
  return out;
}

/** What an admin types to find a person: at least one of them. */
export interface IdentityQuery {
  email?: string;
  phone?: string;
  external_id?: string;
}

/**
 * The same entries from raw values typed by an admin, normalized exactly as
 * the pipeline does (docs/meta-capi.md §3) and hashed here, so the raw value
 * is never stored or logged. `defaultCountry` gives a national phone number
 * its calling code. Values that do not normalize are named in `invalid`.
 */
export function identitiesFor(query: IdentityQuery, defaultCountry?: string): { identities: string[]; invalid: (keyof IdentityQuery)[] } {
  const identities: string[] = [];
  const invalid: (keyof IdentityQuery)[] = [];
  const add = (field: keyof IdentityQuery, kind: IdentityKind, normalized: string | undefined) => {
    if (query[field] === undefined) return;
    if (normalized === undefined) invalid.push(field);
    else identities.push(`${kind}:${normalized.length === 64 && /^[0-9a-f]+$/.test(normalized) ? normalized : sha256Hex(normalized)}`);
  };
  add('email', 'em', normalizeEmail(query.email));
  add('phone', 'ph', normalizePhone(query.phone, defaultCountry));
  add('external_id', 'external_id', normalizeExternalId(query.external_id));
  return { identities, invalid };
}
