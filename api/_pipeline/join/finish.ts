import { abuseReasonOf } from '../abuse.js';
import { RECEIVE_LEASE_MS } from '../deliver.js';
import type { PipelineDeps } from '../deps.js';
import { filterEvent } from '../event-filter.js';
import { identitiesOf } from '../identity.js';
import { saveOutcome } from '../save-outcome.js';
import { scheduleRetry, sendUnlessPaused } from '../send-inline.js';
import { buildUserData } from '../user-data.js';
import { withPhoneParser } from '../normalize/phone-parser.js';
import type { ConversionRecord, JoinHalf, RawReceipt } from '../../_contract/records.js';
import type { EventState, RawUserFields } from '../../_contract/wire.js';

/** How a waiting browser half ends (docs/form-tools.md §22.4). */
export type JoinEnding =
  /** the visitor's details arrived: a webhook, a tool API look, or POST /api/identify */
  | { kind: 'details'; half: JoinHalf; user: RawUserFields }
  /** the deadline passed without them: JOIN_FALLBACK decides */
  | { kind: 'deadline' };

export type JoinFinish =
  /** this call ended the wait; `state` is the record's state afterwards (sent, pending, failed, filtered) */
  | { kind: 'finished'; outcome: 'joined' | 'fallback_sent' | 'fallback_dropped'; state: EventState }
  /** the record is no longer waiting (another half, a withdrawal or an erasure came first): nothing written */
  | { kind: 'not_waiting'; state?: EventState }
  /** the raw receipt is gone (a withdrawal deleted it): left for the sweeper, which cancels it */
  | { kind: 'no_receipt' };

/**
 * End a waiting browser half once: build the event from the browser half
 * (event_id, event_time, fbc/fbp, IP, user agent, page, consent) and the
 * details' contact fields, normalized and hashed like any event's, and write
 * it only while the stored record is still the waiting one (Store.completeJoin),
 * so two halves racing never make two events. Then it is delivered inline
 * exactly like a new event (send, save, a sweep scheduled when pending).
 * At the deadline JOIN_FALLBACK sends what the browser half has, or drops it
 * keeping no PII. `record` is as Store.get answers it (payload whole);
 * `raw` saves a read when the caller has the receipt.
 */
export async function finishJoin(record: ConversionRecord, ending: JoinEnding, deps: PipelineDeps, raw?: RawReceipt | null): Promise<JoinFinish> {
  if (record.state !== 'waiting' || !record.join || !record.payload) return { kind: 'not_waiting', state: record.state };
  const receipt = raw === undefined ? await deps.store.getRaw(record.event_id) : raw;
  const userAgent = receipt?.client_user_agent;
  if (!receipt || !userAgent) return { kind: 'no_receipt' };
  const now = deps.now();
  const next: ConversionRecord = { ...record, updated_at: now, join: { ...record.join } };
  const join = next.join!;
  let write: RawReceipt | null | undefined;
  let identities: string[] = [];

  if (ending.kind === 'details') {
    join.details = ending.half;
    join.outcome = 'joined';
    // The details name the visitor; what the browser half had (an identify flow may carry some) fills gaps.
    const user: RawUserFields = { ...receipt.user, ...ending.user };
    const built = await withPhoneParser(() => buildUserData({
      user,
      clientIp: receipt.client_ip_address,
      userAgent,
      fbc: receipt.fbc,
      fbp: receipt.fbp,
      ipCountry: receipt.country,
      defaultCountry: deps.env.defaultCountry,
      now: new Date(now),
    }));
    const filtered = filterEvent(receipt.client_user_agent, built.userData) ?? abuseReasonOf(built.normalized);
    if (filtered) {
      dropAs(next, 'filtered', filtered);
      write = null;
    } else {
      next.state = 'received';
      next.payload = { ...record.payload, user_data: built.userData };
      next.next_attempt_at = now + RECEIVE_LEASE_MS;
      write = { ...receipt, user };
      identities = identitiesOf(built.userData);
    }
  } else if (deps.env.joinFallback === 'drop') {
    join.outcome = 'fallback_dropped';
    dropAs(next, 'filtered', 'join_timeout');
    write = null;
  } else {
    join.outcome = 'fallback_sent';
    const filtered = filterEvent(receipt.client_user_agent, record.payload.user_data);
    if (filtered) {
      dropAs(next, 'filtered', filtered);
      write = null;
    } else {
      next.state = 'received';
      next.next_attempt_at = now + RECEIVE_LEASE_MS;
    }
  }

  const day = 86_400;
  const saved = await deps.store.completeJoin({
    record: next,
    expected: { state: 'waiting', updated_at: record.updated_at },
    ...(write !== undefined ? { raw: write } : {}),
    identities,
    // the identity entries must outlive the raw receipt too, for an erasure to find it
    recordTtlSec: Math.max(deps.env.auditRetentionDays, deps.env.dataRetentionDays) * day,
  });
  if (saved.kind !== 'saved') return { kind: 'not_waiting' };

  if (next.state === 'received') {
    await sendUnlessPaused(next, saved.paused, deps);
    try {
      await saveOutcome(deps.store, next);
    } catch {
      // Written with its lease: the sweeper finishes it, as after any inline send.
      deps.log({ event_id: next.event_id, state: next.state, reason: 'save_failed', attempts: next.attempts.length, duration_ms: 0 });
    }
    if ((next.state as EventState) === 'pending' && deps.retryScheduler) await scheduleRetry(deps.retryScheduler, next, deps);
  }
  deps.log({ event_id: next.event_id, state: next.state, reason: next.reason ?? join.outcome!, attempts: next.attempts.length, duration_ms: deps.now() - now, page: next.event_source_url });
  return { kind: 'finished', outcome: join.outcome!, state: next.state };
}

/** Never sent, no PII kept: no payload, out of the due index. */
function dropAs(record: ConversionRecord, state: EventState, reason: string): void {
  record.state = state;
  record.reason = reason;
  delete record.payload;
  delete record.next_attempt_at;
}
