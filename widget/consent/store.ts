import { newEventId } from '../transport/event-id.js';
import { readCookie } from './cookie.js';
import type { StoredDecision } from './types.js';

/** First-party cookie holding the visitor's last answer (docs/consent.md §5.5 "Storage"). */
export const CONSENT_COOKIE = 'capi_consent';

// Re-ask after 12 months (brief; CNIL/EDPB refresh guidance, docs/consent.md §5.4).
const MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/** The stored answer, whatever its revision or age; null when absent or malformed. */
export function readStoredDecision(doc: Document = document): StoredDecision | null {
  const raw = readCookie(CONSENT_COOKIE, doc);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw);
    const wellFormed =
      typeof d?.v === 'string' && typeof d.id === 'string' && typeof d.ts === 'number' && typeof d.src === 'string' && (d.ads === 'granted' || d.ads === 'denied');
    // only these five fields are ever read, so extra ones in a hand-edited cookie do no harm
    return wellFormed ? (d as StoredDecision) : null;
  } catch {
    return null;
  }
}

/** True when the answer was given for this banner revision and is less than 12 months old. */
export function isDecisionCurrent(decision: StoredDecision, revision: string, nowMs: number): boolean {
  return decision.v === revision && nowMs - decision.ts < MAX_AGE_MS && decision.ts <= nowMs + 60_000;
}

/** Write the answer first-party for 12 months (the age check above is what re-asks). */
export function writeStoredDecision(decision: StoredDecision, doc: Document = document): void {
  const secure = doc.location?.protocol === 'https:' ? '; Secure' : '';
  doc.cookie = `${CONSENT_COOKIE}=${encodeURIComponent(JSON.stringify(decision))}; Max-Age=${MAX_AGE_MS / 1000}; Path=/; SameSite=Lax${secure}`;
}

/** A random visitor consent id (no PII; a v4 UUID, like event ids); kept across re-asks so proofs line up. */
export const newConsentId: () => string = newEventId;
