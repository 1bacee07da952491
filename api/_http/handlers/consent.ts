import { buildProof, PROOF_RETENTION_SEC, validateProofBody } from '../../_pipeline/consent/proof.js';
import type { ConsentProofStore } from '../../_store/proof-store.js';
import type { Env } from '../../_config/env.js';
import { corsFor } from '../cors.js';
import { badRequest, methodNotAllowed, ok, serviceUnavailable } from '../answers.js';
import { readJsonBody } from '../request-body.js';
import { readRequestContext } from '../request-context.js';
import type { Store } from '../../_store/store.js';

/** What POST /api/consent needs; all I/O comes in here. */
export interface ConsentEndpointDeps {
  /** CORS rules follow from it (corsFor); a denial for an unseen id is kept as long as raw data (dataRetentionDays) */
  env: Pick<Env, 'allowedOrigins' | 'dataRetentionDays'>;
  store: Store;
  proofs: ConsentProofStore;
  /** per-deployment salt for the visitor hash (_pipeline/consent/visitor-hash.ts consentSaltFor) */
  salt: string;
  now: () => number;
}

// Proof bodies are a few hundred bytes.
const MAX_PROOF_BODY_BYTES = 4 * 1024;

/**
 * How long a withdrawal blocks events carrying the same consent id: as long
 * as the proof of it is kept (13 months). That outlives the widget's consent
 * cookie (12 months, widget/consent/store.ts), so every id a browser can
 * still send stays refused. AUDIT_RETENTION_DAYS (30 days by default) would
 * let a stale tab's "granted" through again after a month.
 */
export const WITHDRAWAL_TTL_SEC = PROOF_RETENTION_SEC;

/**
 * POST /api/consent: record one decision as a proof (docs/consent.md §6.1). On
 * "denied", first set the visitor's withdrawal marker (the pipeline refuses
 * their events from then on) and cancel their events still waiting to be
 * sent (docs/consent.md §0 row 1), in one store call whatever the number of
 * linked events (at most MAX_EVENTS_PER_VISITOR); on "granted", lift the marker once the proof
 * is stored. Either way enforcement never lags the proof log. Answers
 * `{ recorded, cancelled }`; a store outage is a 503 so the widget may retry
 * (every step is safe to repeat).
 */
export async function handleConsent(request: Request, deps: ConsentEndpointDeps): Promise<Response> {
  const cors = corsFor(deps.env.allowedOrigins);
  if (request.method === 'OPTIONS') return cors.preflight(request);
  if (request.method !== 'POST') return methodNotAllowed(['POST', 'OPTIONS']);
  return cors.handle(request, async () => {
    const raw = await readJsonBody(request, MAX_PROOF_BODY_BYTES);
    if (!raw.ok) return raw.response;
    const valid = validateProofBody(raw.value);
    if (!valid.ok) return badRequest('invalid_consent', valid.issues);
    const proof = buildProof(valid.body, readRequestContext(request), deps.salt, deps.now());
    try {
      let cancelled = 0;
      if (proof.decision === 'denied') {
        const withdrawal = await deps.store.withdrawVisitor({
          visitor: proof.visitor,
          ttlSec: WITHDRAWAL_TTL_SEC,
          // An id with no linked event has nothing a stale tab could still be sending beyond the
          // links' own lifetime; 13 months of keys per fresh id would be free storage for anyone.
          unseenTtlSec: deps.env.dataRetentionDays * 86_400,
          nowMs: deps.now(),
        });
        cancelled = withdrawal.cancelled.length;
        await deps.proofs.addProof(proof, PROOF_RETENTION_SEC);
      } else {
        await deps.proofs.addProof(proof, PROOF_RETENTION_SEC);
        await deps.store.clearWithdrawal(proof.visitor);
      }
      return ok({ recorded: true, cancelled });
    } catch {
      // Nothing about the visitor is echoed; the widget retries on its next page view.
      return serviceUnavailable(5);
    }
  });
}
