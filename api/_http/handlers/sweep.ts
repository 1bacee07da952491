import { json, methodNotAllowed, ok, payloadTooLarge, serviceUnavailable, unauthorized } from '../answers.js';
import { bearerMatches } from '../bearer-auth.js';
import { DEFAULT_SWEEP_LIMITS, sweep, type SweepDeps, type SweepLimits } from '../../_pipeline/sweep.js';
import { isAwaitingSend } from '../../_store/store.js';

/** A QStash message from this relay is `{"event_id": "<uuid>"}`; a schedule's is empty. */
const MAX_CALLBACK_BYTES = 1_024;
/** Seconds before a cron caller should try again when the store is down. */
const STORE_DOWN_RETRY_AFTER_SEC = 60;

/** What the sweep route needs: the sweep's deps, and its limits for tests and the bench. */
export interface SweepRouteDeps extends SweepDeps {
  sweepLimits?: SweepLimits;
}

/**
 * GET /api/cron/sweep with `Authorization: Bearer <CRON_SECRET>` (Vercel Cron, the dev timer,
 * or any scheduler), or POST signed by QStash. Anything else is 401 and nothing runs: the
 * path is public. Answers the sweep's counts. A QStash delivery for an event that is still
 * waiting afterwards gets 503, so QStash delivers again after its retry delay
 * (_config/qstash-scheduler.ts); Retry-After is left out so that delay applies.
 */
export async function handleSweep(request: Request, deps: SweepRouteDeps): Promise<Response> {
  if (request.method === 'GET') {
    if (!bearerMatches(request.headers.get('authorization'), deps.env.cronSecret)) return unauthorized();
    return runSweep(deps, undefined);
  }
  if (request.method === 'POST') {
    const signature = request.headers.get('upstash-signature');
    if (!deps.env.qstash || !signature) return unauthorized('a valid QStash signature is required');
    const body = await request.text();
    if (body.length > MAX_CALLBACK_BYTES) return payloadTooLarge(MAX_CALLBACK_BYTES);
    // Loaded only here: nothing QStash-related is imported for any other request.
    const { isSignedByQStash } = await import('../qstash-signature.js');
    if (!(await isSignedByQStash(deps.env.qstash, signature, body))) return unauthorized('a valid QStash signature is required');
    return runSweep(deps, eventIdOf(body));
  }
  return methodNotAllowed(['GET', 'POST']);
}

async function runSweep(deps: SweepRouteDeps, waitingFor: string | undefined): Promise<Response> {
  try {
    const report = await sweep(deps, deps.sweepLimits ?? DEFAULT_SWEEP_LIMITS);
    if (waitingFor) {
      const record = await deps.store.get(waitingFor);
      if (record && isAwaitingSend(record.state)) return json(503, { ...report, waiting: true });
    }
    return ok(report);
  } catch {
    // A store error (no key or value in it, _store/error.ts); the next run picks up where this stopped.
    return serviceUnavailable(STORE_DOWN_RETRY_AFTER_SEC);
  }
}

function eventIdOf(body: string): string | undefined {
  try {
    const value: unknown = JSON.parse(body);
    const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['event_id'] : undefined;
    return typeof id === 'string' && id.length <= 64 ? id : undefined;
  } catch {
    return undefined;
  }
}
