import { buildProof, PROOF_RETENTION_SEC, validateProofBody } from './consent-proof.js';
import type { ConsentProofStore } from './consent-proof-store.js';
import { cancelPendingEvents } from './consent-withdraw.js';
import type { Cors } from './cors.js';
import { badRequest, methodNotAllowed, ok, serviceUnavailable } from './http.js';
import { readJsonBody } from './request-body.js';
import { readRequestContext } from './request-context.js';
import type { Store } from './store.js';

/** What POST /api/consent needs; all I/O comes in here. */
export interface ConsentEndpointDeps {
  store: Store;
  proofs: ConsentProofStore;
  cors: Cors;
  /** per-deployment salt for the visitor hash (consent-proof.ts consentSaltFor) */
  salt: string;
  now: () => number;
}

// Proof bodies are a few hundred bytes.
const MAX_PROOF_BODY_BYTES = 4 * 1024;

/**
 * POST /api/consent: record one decision as a proof (consent.md §6.1); on
 * "denied" also cancel this visitor's events that are still waiting to be
 * sent (consent.md §0 row 1). Answers `{ recorded, cancelled }`; a store
 * outage is a 503 so the widget may retry.
 */
export async function handleConsent(request: Request, deps: ConsentEndpointDeps): Promise<Response> {
  if (request.method === 'OPTIONS') return deps.cors.preflight(request);
  if (request.method !== 'POST') return methodNotAllowed(['POST', 'OPTIONS']);
  return deps.cors.handle(request, async () => {
    const raw = await readJsonBody(request, MAX_PROOF_BODY_BYTES);
    if (!raw.ok) return raw.response;
    const valid = validateProofBody(raw.value);
    if (!valid.ok) return badRequest('invalid_consent', valid.issues);
    const proof = buildProof(valid.body, readRequestContext(request), deps.salt, deps.now());
    try {
      await deps.proofs.addProof(proof, PROOF_RETENTION_SEC);
      let cancelled = 0;
      if (proof.decision === 'denied') {
        const outcome = await cancelPendingEvents(deps.store, await deps.proofs.linkedEvents(proof.visitor), deps.now());
        cancelled = outcome.cancelled.length;
      }
      return ok({ recorded: true, cancelled });
    } catch {
      // Nothing about the visitor is echoed; the widget retries on its next page view.
      return serviceUnavailable(5);
    }
  });
}
