import type { Env } from '../../_config/env.js';
import { sha256Hex } from '../hash.js';

/** The widget's random consent id: 16–64 letters, digits or dashes (a UUID fits). */
export const CONSENT_ID_PATTERN = /^[A-Za-z0-9-]{16,64}$/;

/** The salted visitor hash: the raw consent id never reaches storage or logs. */
export function hashConsentId(id: string, salt: string): string {
  return sha256Hex(`${salt}:${id}`);
}

/**
 * Salt of the visitor hash outside production when CONSENT_ID_SALT is unset
 * (local `npm start`, tests, previews). Fixed rather than generated and kept in
 * the store: it is stable across restarts and secret rotations with no extra
 * Store method, no store round trip before the first event and no startup that
 * fails while the store is down. Its being public costs nothing there: what it
 * salts is the widget's random 122-bit consent id, never contact data, and the
 * embedded store forgets its withdrawals on restart anyway. A Vercel production
 * deployment (VERCEL_ENV=production) refuses to start without CONSENT_ID_SALT
 * (_config/env.ts); a production host that does not set VERCEL_ENV must set the
 * variable itself (README).
 */
export const DEV_CONSENT_ID_SALT = 'capi-relay/development-only-consent-id-salt';

/**
 * The salt of every visitor hash, in proofs and withdrawal markers alike.
 * It must never change while those live (13 months, PROOF_RETENTION_SEC): a
 * new salt gives every visitor a new hash, so each recorded withdrawal would
 * silently stop matching. That is why it is never derived from a secret that
 * gets rotated (META_ACCESS_TOKEN, ADMIN_TOKEN, CRON_SECRET).
 */
export function consentSaltFor(env: Env): string {
  return env.consentIdSalt ?? DEV_CONSENT_ID_SALT;
}
