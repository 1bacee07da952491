import { acceptEvent, type PipelineDeps } from '../../_pipeline/accept-event.js';
import { corsFor } from '../cors.js';
import { badRequest, methodNotAllowed, ok, serviceUnavailable, withHeaders } from '../answers.js';
import { readRequestContext } from '../request-context.js';
import { readJsonBody } from '../request-body.js';
import { checkEventLimits } from '../rate-limits.js';
import { burstKeyOf } from '../../_pipeline/abuse.js';
import { checkEventBody } from '../../_pipeline/event-body.js';

/** Seconds a client should wait before retrying when the store is down. */
const STORE_DOWN_RETRY_AFTER_SEC = 5;

/** Everything handleEvent needs: the pipeline's deps; its CORS rules follow from `env` (corsFor). */
export type EventDeps = PipelineDeps;

/**
 * POST /api/event (and its OPTIONS preflight) as a web-standard handler:
 * origin → body → validation → pipeline → JSON answer. Bad input gets a 4xx
 * listing what was wrong; the only 5xx is 503 when the store is down, because
 * then the event was not acknowledged and the client may retry.
 */
export async function handleEvent(request: Request, deps: EventDeps): Promise<Response> {
  const cors = corsFor(deps.env.allowedOrigins);
  if (request.method === 'OPTIONS') return cors.preflight(request);
  if (request.method !== 'POST') return methodNotAllowed(['POST', 'OPTIONS']);
  // The origin is checked before the body is read, as cors.handle() does; the CORS headers then go
  // straight into the one answer instead of copying it into a second Response (scripts/bench/ingest.ts).
  const origin = cors.check(request);
  if (!origin.allowed) return origin.response;
  const corsHeaders = origin.headers;
  const body = await readJsonBody(request);
  if (!body.ok) return withHeaders(body.response, corsHeaders);
  const valid = await checkEventBody(body.value, deps.env);
  if (!valid.ok) return withHeaders(badRequest('invalid_event', valid.issues), corsHeaders);
  const ctx = readRequestContext(request);
  // Rate limits before anything is stored: one limiter round trip for all three counts.
  const limits = await checkEventLimits(deps.limiter, ctx.clientIp, request.headers.get('origin'), burstKeyOf(valid.event.user));
  if (limits.refused) return withHeaders(limits.refused, corsHeaders);
  const outcome = await acceptEvent(valid.event, ctx, deps, { burst: limits.burst });
  if (!outcome.stored) {
    deps.log({ event_id: valid.event.event_id, state: 'rejected', reason: 'store_unavailable', attempts: 0, duration_ms: 0 });
    return withHeaders(serviceUnavailable(STORE_DOWN_RETRY_AFTER_SEC), corsHeaders);
  }
  return ok(outcome.body, corsHeaders);
}
