import type { PipelineDeps } from '../deps.js';
import type { ParkedDetails } from '../../_store/store.js';
import type { JoinSource } from '../../_contract/records.js';
import type { EventState, RawUserFields } from '../../_contract/wire.js';
import { finishJoin } from './finish.js';
import { joinKeysOf } from './keys.js';
import { JOIN_DEADLINE_MS, PARK_MARGIN_MS } from './plan.js';

/** A details half as a webhook, a tool API or POST /api/identify delivers it. */
export interface DetailsHalf {
  /** the JoinTool it came from, or 'identify' */
  via: string;
  from: JoinSource;
  /** capi-relay's event_id when it travelled with the details */
  event_id?: string;
  /** the tool's submission or booking id */
  submission_id?: string;
  /** ms epoch when the tool says the visitor submitted */
  submitted_at?: number;
  user: RawUserFields;
}

export type ReceiveOutcome =
  /** joined into its browser half now; `state` is the event's state afterwards */
  | { kind: 'joined'; event_id: string; state: EventState }
  /** the browser half already ended (joined, fallen back, withdrawn): nothing changed */
  | { kind: 'already_complete'; event_id: string }
  /** no browser half yet: kept until the deadline (docs/form-tools.md §22.4) */
  | { kind: 'parked' }
  /** the same details were parked already: nothing written */
  | { kind: 'already_parked' }
  /** the details name neither an event id nor a submission: nothing to meet on */
  | { kind: 'no_key' };

/**
 * One details half arrives: it joins the browser half filed under one of its
 * keys, or is parked (expiring) until a browser half claims it or its deadline
 * passes. Whatever the order and however often the same details come, one
 * event at most is sent (Store.parkOrFind, Store.completeJoin).
 */
export async function receiveDetails(half: DetailsHalf, deps: PipelineDeps): Promise<ReceiveOutcome> {
  const keys = joinKeysOf(half.event_id, half.via === 'identify' ? undefined : half.via, half.submission_id);
  if (keys.length === 0) return { kind: 'no_key' };
  const at = deps.now();
  const parked: ParkedDetails = { id: keys[0]!, keys, from: half.from, at, via: half.via, user: half.user };
  if (half.event_id) parked.event_id = half.event_id;
  if (half.submission_id) parked.submission_id = half.submission_id;
  if (half.submitted_at !== undefined) parked.submitted_at = half.submitted_at;
  const found = await deps.store.parkOrFind({ details: parked, ttlSec: Math.ceil((JOIN_DEADLINE_MS + PARK_MARGIN_MS) / 1000), dueAt: at + JOIN_DEADLINE_MS });
  if (found.kind !== 'found') {
    if (found.kind === 'parked') deps.log({ event_id: parked.event_id ?? '-', state: 'waiting', reason: `details_parked_${half.from}`, attempts: 0, duration_ms: 0 });
    return found;
  }
  const record = await deps.store.get(found.eventId);
  if (!record) return { kind: 'already_complete', event_id: found.eventId };
  const done = await finishJoin(record, { kind: 'details', half: { at, from: half.from }, user: half.user }, deps);
  return done.kind === 'finished' ? { kind: 'joined', event_id: found.eventId, state: done.state } : { kind: 'already_complete', event_id: found.eventId };
}
