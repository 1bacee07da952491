import { isDisposableDomainListed } from './disposable-domains.js';
import { sha256Hex } from './hash.js';
import type { NormalizedFields } from './normalize/index.js';
import type { RateRule } from '../_store/limiter.js';
import type { RawUserFields } from '../_contract/wire.js';

/** Why a submission is not a real lead (stored as `filtered` with this reason, never sent). */
export type AbuseReason = 'disposable_email' | 'fake_email' | 'fake_phone' | 'fake_name' | 'burst';

/**
 * The same person's contact details more often than this, across forms and
 * event ids (the same form within 10 minutes is already one conversion, the
 * dedup key), is a script replaying a form, not a person.
 */
export const BURST_RULE: RateRule = { name: 'burst', limit: 5, windowSec: 600 };

// Placeholders people and bots type into required fields; only whole values count.
const FAKE_LOCAL_PARTS = new Set(['test', 'asdf', 'asdfasdf', 'qwerty', 'fake', 'noemail', 'nomail', 'none', 'nobody', 'null', 'spam', 'xxx']);
const FAKE_NAMES = new Set(['asdf', 'asdfasdf', 'asdfgh', 'qwerty', 'qwertz', 'azerty', 'zxcv', 'xxx', 'fake', 'aaa', 'test']);
const SEQUENCE = '01234567890';

/** True when the domain or one of its parents is a throwaway-mail domain. */
export function isDisposableDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i += 1) if (isDisposableDomainListed(labels.slice(i).join('.'))) return true;
  return false;
}

/**
 * A phone number whose last 8 digits are one digit repeated (vanity numbers repeat 7 at most)
 * or whose last 9 run 123456789-style.
 */
export function isFakePhone(digits: string): boolean {
  if (/(\d)\1{7}$/.test(digits)) return true;
  return digits.length >= 9 && SEQUENCE.includes(digits.slice(-9));
}

/** An email that is a placeholder: a known filler local part or one character repeated. */
export function isFakeEmail(email: string): boolean {
  const local = email.slice(0, email.lastIndexOf('@')).split('+')[0] ?? '';
  return FAKE_LOCAL_PARTS.has(local) || /^(.)\1{2,}$/.test(local);
}

/**
 * The filters that run on the normalized (not yet hashed) fields before any
 * send: a throwaway-mail domain, obviously fake values. A value that arrived
 * already hashed cannot be judged and passes.
 */
export function abuseReasonOf(normalized: NormalizedFields): AbuseReason | undefined {
  const email = normalized.em !== undefined && normalized.em.length !== 64 ? normalized.em : undefined;
  if (email) {
    if (isFakeEmail(email)) return 'fake_email';
    if (isDisposableDomain(email.slice(email.lastIndexOf('@') + 1))) return 'disposable_email';
  }
  if (normalized.ph !== undefined && normalized.ph.length !== 64 && isFakePhone(normalized.ph)) return 'fake_phone';
  for (const name of [normalized.fn, normalized.ln]) if (name !== undefined && FAKE_NAMES.has(name)) return 'fake_name';
  return undefined;
}

/**
 * The limiter key of a submission's contact details: a hash (no PII) of the
 * email, phone digits and names as typed, trimmed and lowercased. A script
 * replaying a form sends them identically. No email or phone: nothing to
 * compare, no key.
 */
export function burstKeyOf(user: RawUserFields | undefined): string | undefined {
  const clean = (value: string | undefined) => (value ?? '').trim().toLowerCase();
  const email = clean(user?.email);
  const phone = clean(user?.phone).replace(/\D+/g, '');
  if (!email && !phone) return undefined;
  return sha256Hex(`burst|${email}|${phone}|${clean(user?.first_name)}|${clean(user?.last_name)}|${clean(user?.full_name)}`);
}
