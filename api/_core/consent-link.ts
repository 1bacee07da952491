import { consentSaltFor, hashConsentId } from './consent-proof.js';
import type { ConsentProofStore } from './consent-proof-store.js';
import { proofStoreFor } from './consent-runtime.js';
import type { Env } from './env.js';
import type { EventInput } from './validate.js';

const CONSENT_ID = /^[A-Za-z0-9-]{16,64}$/;

/** The widget's consent id (`consent.id` in the event body) when well-formed; the zod contract does not carry it. */
export function consentIdOf(body: unknown): string | undefined {
  const id = (body as { consent?: { id?: unknown } } | null)?.consent?.id;
  return typeof id === 'string' && CONSENT_ID.test(id) ? id : undefined;
}

/** What the pipeline needs to tie an event to its visitor's consent history. */
export interface ConsentHistory {
  /** salted hash of the consent id, or undefined when the widget sent none */
  visitor?: string;
  /** the event, with consent forced to "denied" when the visitor's latest recorded decision is a refusal */
  event: EventInput;
}

const salts = new WeakMap<Env, string>();

/**
 * Server re-check against the proof log (consent.md §0 "the API enforces the
 * same decision"): a tab that still believes "granted" after the visitor
 * withdrew elsewhere cannot send. Best-effort: a proof-store outage leaves
 * the widget's answer, which the policy still checks (GPC, region).
 */
export async function applyConsentHistory(event: EventInput, body: unknown, env: Env, proofs: ConsentProofStore = proofStoreFor(env)): Promise<ConsentHistory> {
  const id = consentIdOf(body);
  if (!id) return { event };
  let salt = salts.get(env);
  if (!salt) salts.set(env, (salt = consentSaltFor(env)));
  const visitor = hashConsentId(id, salt);
  if (event.consent.ads === 'denied') return { visitor, event };
  try {
    const [latest] = await proofs.listProofs(visitor);
    if (latest?.decision === 'denied') return { visitor, event: { ...event, consent: { ...event.consent, ads: 'denied', source: 'recorded_refusal' } } };
  } catch {
    // no history available: decide on the widget's answer
  }
  return { visitor, event };
}

/**
 * Remember an accepted event under its visitor so a later withdrawal can
 * cancel it while it waits (consent-withdraw.ts). Only events that may still
 * be sent need the link; it lives as long as raw PII may (DATA_RETENTION_DAYS).
 */
export async function linkEventToVisitor(visitor: string | undefined, eventId: string, status: string, env: Env, proofs: ConsentProofStore = proofStoreFor(env)): Promise<void> {
  if (!visitor || (status !== 'received' && status !== 'pending')) return;
  try {
    await proofs.linkEvent(visitor, eventId, env.dataRetentionDays * 86_400);
  } catch {
    // Without the link a withdrawal cannot cancel this event; the send itself is unaffected.
  }
}
