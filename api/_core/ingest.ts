import { acceptEvent, type PipelineDeps } from './accept-event.js';
import { applyConsentHistory, linkEventToVisitor } from './consent-link.js';
import type { Cors } from './cors.js';
import { badRequest, methodNotAllowed, ok, serviceUnavailable } from './http.js';
import { readRequestContext } from './request-context.js';
import { readJsonBody } from './request-body.js';
import { validateEvent } from './validate.js';

/** Seconds a client should wait before retrying when the store is down. */
const STORE_DOWN_RETRY_AFTER_SEC = 5;

/** Everything handleEvent needs: the pipeline deps plus the endpoint's CORS rules. */
export interface IngestDeps extends PipelineDeps {
  cors: Cors;
}

/**
 * POST /api/event (and its OPTIONS preflight) as a web-standard handler:
 * origin → body → validation → pipeline → JSON answer. Bad input gets a 4xx
 * listing what was wrong; the only 5xx is 503 when the store is down, because
 * then the event was not acknowledged and the client may retry.
 */
export async function handleEvent(request: Request, deps: IngestDeps): Promise<Response> {
  if (request.method === 'OPTIONS') return deps.cors.preflight(request);
  if (request.method !== 'POST') return methodNotAllowed(['POST', 'OPTIONS']);
  return deps.cors.handle(request, async () => {
    const body = await readJsonBody(request);
    if (!body.ok) return body.response;
    const valid = validateEvent(body.value);
    if (!valid.ok) return badRequest('invalid_event', valid.issues);
    // Consent (brief F): a recorded refusal overrides a stale "granted"; accepted events are linked for withdrawal.
    const history = await applyConsentHistory(valid.event, body.value, deps.env);
    const outcome = await acceptEvent(history.event, readRequestContext(request), deps);
    if (!outcome.stored) {
      deps.log({ event_id: valid.event.event_id, state: 'rejected', reason: 'store_unavailable', attempts: 0, duration_ms: 0 });
      return serviceUnavailable(STORE_DOWN_RETRY_AFTER_SEC);
    }
    if (!outcome.body.duplicate) await linkEventToVisitor(history.visitor, outcome.body.event_id, outcome.body.status, deps.env);
    return ok(outcome.body);
  });
}
