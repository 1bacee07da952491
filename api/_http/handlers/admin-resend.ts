import type { Runtime } from '../../_config/runtime.js';
import { resendDeadLetter } from '../../_pipeline/dead-letters.js';
import { refuseUnlessAdmin } from '../admin-auth.js';
import { withStore } from '../admin-store.js';
import { badRequest, errorResponse, methodNotAllowed, notFound, ok } from '../answers.js';
import { readJsonBody } from '../request-body.js';

const REFUSALS: Record<string, string> = {
  already_sent: 'Meta already accepted this event; sending it again would count it twice.',
  not_dead_letter: 'Only a failed event (a dead letter) can be re-sent.',
  in_progress: 'This event is being sent right now (by another re-send or the sweeper).',
  too_old: 'The event is older than Meta accepts (7 days): it can no longer be sent.',
  no_payload: 'Nothing was built to send for this event.',
  receipt_expired: "The visitor's raw data (IP, browser, click ids) has been deleted after DATA_RETENTION_DAYS: the event can no longer be sent as it was.",
};

/**
 * POST /api/admin/resend `{ "event_id": "…" }` — send a dead letter again from
 * its stored payload (_pipeline/dead-letters.ts resendDeadLetter: once, never
 * twice). 409 with the reason when it may not be sent. Admin token required.
 */
export async function handleAdminResend(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed(['POST']);
  const refused = await refuseUnlessAdmin(request, runtime);
  if (refused) return refused;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const eventId = (body.value as { event_id?: unknown } | null)?.event_id;
  if (typeof eventId !== 'string' || eventId === '' || eventId.length > 200) {
    return badRequest('invalid_request', [{ path: 'event_id', message: 'must be the event_id of a failed event' }]);
  }
  return withStore(async () => {
    const outcome = await resendDeadLetter(eventId, runtime);
    if (outcome.kind === 'not_found') return notFound('no event with this id (it may have expired)');
    if (outcome.kind === 'refused') return errorResponse(409, { error: outcome.why, message: REFUSALS[outcome.why] ?? outcome.why });
    return ok({ event_id: eventId, state: outcome.state, ...(outcome.reason ? { reason: outcome.reason } : {}) });
  });
}
