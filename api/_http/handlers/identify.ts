import { badRequest, methodNotAllowed, ok, serviceUnavailable, unauthorized } from '../answers.js';
import { bearerMatches } from '../bearer-auth.js';
import { readJsonBody } from '../request-body.js';
import { validateIdentifyBody } from '../../_pipeline/join/identify-body.js';
import { receiveDetails } from '../../_pipeline/join/receive.js';
import type { PipelineDeps } from '../../_pipeline/deps.js';

/** A handful of contact fields: a few hundred bytes. */
const MAX_IDENTIFY_BYTES = 8 * 1024;
const STORE_DOWN_RETRY_AFTER_SEC = 5;

/**
 * POST /api/identify with `Authorization: Bearer <IDENTIFY_SECRET>` (compared in
 * constant time; unset → 401 to everyone): the visitor's details for an event the
 * page captured with `capiRelay.track(…, { pending: true })` (docs/form-tools.md
 * §22.4). The details join the waiting browser half and the event is sent once;
 * when they come first they are parked under the event id until it does. Server to
 * server (an SSO callback, a CRM): no CORS. Nothing of the body is logged.
 */
export async function handleIdentify(request: Request, deps: PipelineDeps): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed(['POST']);
  if (!bearerMatches(request.headers.get('authorization'), deps.env.identifySecret)) return unauthorized();
  const raw = await readJsonBody(request, MAX_IDENTIFY_BYTES);
  if (!raw.ok) return raw.response;
  const valid = validateIdentifyBody(raw.value);
  if (!valid.ok) return badRequest('invalid_identify', valid.issues);
  try {
    const outcome = await receiveDetails({ via: 'identify', from: 'identify', event_id: valid.body.event_id, user: valid.body.user }, deps);
    if (outcome.kind === 'joined') return ok({ event_id: outcome.event_id, status: 'joined', state: outcome.state });
    if (outcome.kind === 'already_complete') return ok({ event_id: outcome.event_id, status: 'already_complete' });
    return ok({ event_id: valid.body.event_id, status: outcome.kind });
  } catch {
    return serviceUnavailable(STORE_DOWN_RETRY_AFTER_SEC);
  }
}
