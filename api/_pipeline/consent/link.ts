import { consentSaltFor, hashConsentId } from './visitor-hash.js';
import type { Env } from '../../_config/env.js';
import type { EventInput } from '../validate.js';

/**
 * The key that ties an event to its visitor's consent history: the salted
 * hash of the widget's `consent.id` (the same hash POST /api/consent stores
 * its proofs and withdrawal under), or undefined when the widget sent none.
 * The raw id never reaches storage or logs.
 */
export function visitorOf(event: EventInput, env: Env): string | undefined {
  const id = event.consent.id;
  if (!id) return undefined;
  return hashConsentId(id, consentSaltFor(env));
}
