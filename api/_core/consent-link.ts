import { consentSaltFor, hashConsentId } from './consent-proof.js';
import type { Env } from './env.js';
import type { EventInput } from './validate.js';

// The salt is derived once per Env (consentSaltFor may hash a secret); the pipeline asks per event.
const salts = new WeakMap<Env, string>();

/**
 * The key that ties an event to its visitor's consent history: the salted
 * hash of the widget's `consent.id` (the same hash POST /api/consent stores
 * its proofs and withdrawal under), or undefined when the widget sent none.
 * The raw id never reaches storage or logs.
 */
export function visitorOf(event: EventInput, env: Env): string | undefined {
  const id = event.consent.id;
  if (!id) return undefined;
  let salt = salts.get(env);
  if (salt === undefined) salts.set(env, (salt = consentSaltFor(env)));
  return hashConsentId(id, salt);
}
