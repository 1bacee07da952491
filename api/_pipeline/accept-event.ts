import { abuseReasonOf } from './abuse.js';
import { isValidFbc, isValidFbp, pickClickId } from './click-ids.js';
import { visitorOf } from './consent/link.js';
import { decideConsent } from './consent/policy.js';
import { dedupKeyFor } from './dedup-key.js';
import { filterEvent } from './event-filter.js';
import { resolveEventTime } from './event-time.js';
import type { EventLogEntry } from './log.js';
import { auditPageUrl } from './page-url.js';
import { scheduleRetry, sendUnlessPaused } from './send-inline.js';
import { RECEIVE_LEASE_MS } from './deliver.js';
import { identitiesOf } from './identity.js';
import { buildServerEvent } from './payload.js';
import { saveOutcome } from './save-outcome.js';
import type { RequestContext } from '../_contract/request-context.js';
import type { ClaimInput, ClaimResult, ParkedDetails } from '../_store/store.js';
import { finishJoin } from './join/finish.js';
import { detailsSourceOf, startWaiting } from './join/plan.js';
import type { PipelineDeps } from './deps.js';
import type { ConversionRecord, RawReceipt } from '../_contract/records.js';
import type { EventAnswer, EventState } from '../_contract/wire.js';
import { buildUserData } from './user-data.js';
import { withPhoneParser } from './normalize/phone-parser.js';
import type { NormalizedFields } from './normalize/index.js';
import type { EventInput } from './validate.js';

export { RECEIVE_LEASE_MS } from './deliver.js';
/** A client retrying with a new event_id within this window collapses onto the first conversion. */
export const DEDUP_WINDOW_SEC = 600;

export type { PipelineDeps } from './deps.js';

/** What the handler learnt about this submission before the pipeline runs. */
export interface AbuseSignals {
  /** the same contact details arrived more often than _pipeline/abuse.ts BURST_RULE allows */
  burst?: boolean;
}

/** The answer to the client; `stored: false` means nothing was acknowledged (store down). */
export type AcceptOutcome =
  | { stored: true; body: EventAnswer }
  | { stored: false; error: unknown };

/**
 * The pipeline for one validated event: consent → normalize/hash → filter →
 * claim (persist first) → send → save. Two store round trips on the happy
 * path, also when the event carries a consent id: the visitor's withdrawal
 * check and link ride in the claim.
 */
export async function acceptEvent(event: EventInput, ctx: RequestContext, deps: PipelineDeps, signals: AbuseSignals = {}): Promise<AcceptOutcome> {
  const started = deps.now();
  const consent = decideConsent({ consent: event.consent, secGpc: ctx.secGpc, country: ctx.country, region: ctx.region, policy: deps.env.consentPolicy });
  const time = resolveEventTime(event.event_time, started);
  const record: ConversionRecord = {
    event_id: event.event_id,
    event_name: event.event_name,
    state: 'received',
    received_at: started,
    updated_at: started,
    event_time: time.seconds,
    ...(time.fallback ? { event_time_fallback: time.fallback } : {}),
    // docs/consent.md §6.4: origin + path + utm_*; the full URL goes to Meta and is kept with the raw receipt only
    event_source_url: auditPageUrl(event.event_source_url),
    ...(event.source ? { source: event.source } : {}),
    consent,
    attempts: [],
  };

  let raw: RawReceipt | undefined;
  let dedupKey: string | undefined;
  let identities: string[] = [];
  let via: string | undefined;
  if (consent.verdict === 'suppressed') {
    // docs/consent.md §0: nothing to Meta and no PII kept, only the verdict.
    setState(record, 'suppressed', consent.basis);
  } else {
    const fbc = pickClickId(isValidFbc, ctx.cookies.fbc, ctx.cookies.crFbc, event.fbc);
    const fbp = pickClickId(isValidFbp, ctx.cookies.fbp, ctx.cookies.crFbp, event.fbp);
    const userAgent = ctx.userAgent;
    const building = userAgent
      ? withPhoneParser(() => buildUserData({ user: event.user, clientIp: ctx.clientIp, userAgent, fbc, fbp, ipCountry: ctx.country, defaultCountry: deps.env.defaultCountry, now: new Date(started) }))
      : undefined;
    // awaited only when libphonenumber had to load: an await of a value still suspends the pipeline for a turn
    const built = building instanceof Promise ? await building : building;
    // A browser half that waits for its details (docs/form-tools.md §22.4) is judged on the joined
    // event: here only its user agent is (the join runs the validity floor and abuse filters).
    via = built ? detailsSourceOf(event, deps.env) : undefined;
    // Abuse filters run before any send (docs: README "Abuse protection").
    const filtered = via
      ? filterEvent(ctx.userAgent, undefined)
      : (filterEvent(ctx.userAgent, built?.userData) ?? (built ? abuseFilter(built.normalized, signals) : undefined));
    // No "too old" check here: the resolved time is at most a few hours before this receipt
    // (event-time.ts), well inside Meta's 7 days; the sweeper re-checks when it sends later.
    if (filtered) setState(record, 'filtered', filtered);
    else if (built) {
      record.payload = buildServerEvent({
        event_id: event.event_id,
        event_name: event.event_name,
        event_time: time.seconds,
        event_source_url: event.event_source_url,
        referrer_url: event.referrer_url,
        user_data: built.userData,
        custom_data: event.custom_data,
        country: ctx.country,
        region: ctx.region,
        lduStates: deps.env.lduStates,
      });
      dedupKey = dedupKeyFor(event, built.normalized, fbp ?? event.consent.id);
      if (dedupKey) record.dedup_key = dedupKey;
      if (via) {
        // Nothing goes to Meta yet: the sweeper looks for the details, or falls back at the deadline.
        const waiting = startWaiting(event, via, started, deps.env);
        record.state = 'waiting';
        record.join = waiting.join;
        record.next_attempt_at = waiting.nextAttemptAt;
      } else record.next_attempt_at = started + RECEIVE_LEASE_MS;
      identities = identitiesOf(built.userData);
      raw = rawReceipt(event, ctx, started, fbc, fbp);
    }
  }

  const day = 86_400;
  const ttls = { dedupTtlSec: DEDUP_WINDOW_SEC, rawTtlSec: deps.env.dataRetentionDays * day, recordTtlSec: deps.env.auditRetentionDays * day };
  // Only an event that may be sent consults the visitor's consent history (_store/store.ts ClaimInput.visitor).
  const visitor = record.state === 'received' || record.state === 'waiting' ? visitorOf(event, deps.env) : undefined;
  let claim: ClaimResult;
  try {
    const input: ClaimInput = { record, ...ttls };
    if (raw) input.raw = raw;
    if (dedupKey) input.dedupKey = dedupKey;
    if (visitor) input.visitor = visitor;
    if (identities.length > 0) input.identities = identities;
    if (record.join) input.joinKeys = record.join.keys;
    claim = await deps.store.claim(input);
    if (claim.kind === 'withdrawn' || claim.kind === 'visitor_limit') {
      // withdrawn — docs/consent.md §0 row 1: a withdrawal recorded by POST /api/consent beats a stale
      // "granted" from another tab. visitor_limit — one consent id already has MAX_EVENTS_PER_VISITOR
      // events linked: no real visitor does that, and linking more would make its withdrawal unbounded.
      // Either way the PII-free stand-in is claimed instead, so a replay gets this same answer.
      if (claim.kind === 'withdrawn') markWithdrawn(record);
      else markStandIn(record, 'filtered', 'consent_id_limit');
      claim = await deps.store.claim({ record, ...ttls });
    }
  } catch (error) {
    return { stored: false, error };
  }

  if (claim.kind === 'duplicate') {
    const original = claim.record;
    deps.log({ event_id: event.event_id, state: original.state, reason: `duplicate_${claim.matched}`, attempts: 0, duration_ms: deps.now() - started, duplicate: true, page: record.event_source_url });
    return { stored: true, body: { event_id: event.event_id, status: original.state, ...(original.reason ? { reason: original.reason } : {}), duplicate: true } };
  }

  if (record.state === 'waiting' && claim.kind === 'claimed') return answerWaiting(record, raw ?? null, claim.parked, deps, started);

  if (record.state === 'received' && record.payload) {
    await sendUnlessPaused(record, claim.kind === 'claimed' ? claim.paused : undefined, deps);
    try {
      // Conditional: a withdrawal that cancelled the event while the send was in flight stays the
      // record's state (docs/consent.md §6.3); the answer then reports what is stored.
      if (!(await saveOutcome(deps.store, record))) {
        const stored = await deps.store.get(record.event_id);
        deps.log({ event_id: record.event_id, state: stored?.state ?? 'suppressed', reason: 'finalised_during_send', attempts: record.attempts.length, duration_ms: deps.now() - started });
        const body: EventAnswer = { event_id: record.event_id, status: stored?.state ?? 'suppressed' };
        if (stored?.reason) body.reason = stored.reason;
        return { stored: true, body };
      }
    } catch {
      // The claim already persisted the event with its lease: the sweeper will finish it. The
      // client still gets the real outcome; a 5xx here would only invite a duplicate.
      deps.log({ event_id: record.event_id, state: record.state, reason: 'save_failed', attempts: record.attempts.length, duration_ms: deps.now() - started });
    }
    const outcome = record.state as EventState; // changed by the send
    if (outcome === 'pending' && deps.retryScheduler) await scheduleRetry(deps.retryScheduler, record, deps);
  }

  const lastError = record.attempts[record.attempts.length - 1]?.error;
  const entry = { event_id: record.event_id, state: record.state } as EventLogEntry;
  if (record.reason) entry.reason = record.reason;
  entry.attempts = record.attempts.length;
  entry.duration_ms = deps.now() - started;
  if (lastError?.code !== undefined) entry.meta_code = lastError.code;
  entry.page = record.event_source_url;
  deps.log(entry);
  const body: EventAnswer = { event_id: record.event_id, status: record.state };
  if (record.reason) body.reason = record.reason;
  return { stored: true, body };
}

/**
 * A browser half that now waits (docs/form-tools.md §22.4). When its details
 * were already parked the claim took them: the join completes now, and the
 * answer is the event's state. Otherwise it is answered `waiting`, and a sweep
 * is asked for at its first look (QStash, when configured).
 */
async function answerWaiting(record: ConversionRecord, raw: RawReceipt | null, parked: ParkedDetails | undefined, deps: PipelineDeps, started: number): Promise<AcceptOutcome> {
  if (parked) {
    try {
      const done = await finishJoin(record, { kind: 'details', half: { at: parked.at, from: parked.from }, user: parked.user }, deps, raw);
      if (done.kind === 'finished') return { stored: true, body: { event_id: record.event_id, status: done.state } };
    } catch {
      // Stored as waiting with its details taken: the sweeper's looks or the deadline finish it.
      deps.log({ event_id: record.event_id, state: 'waiting', reason: 'join_failed', attempts: 0, duration_ms: deps.now() - started });
    }
    return { stored: true, body: { event_id: record.event_id, status: 'waiting' } };
  }
  if (deps.retryScheduler) await scheduleRetry(deps.retryScheduler, record, deps);
  deps.log({ event_id: record.event_id, state: 'waiting', reason: `awaiting_${record.join!.via}`, attempts: 0, duration_ms: deps.now() - started, page: record.event_source_url });
  return { stored: true, body: { event_id: record.event_id, status: 'waiting' } };
}

/** What was received in the clear. Built field by field (no spreads: this runs per event), keys in stored order. */
function rawReceipt(event: EventInput, ctx: RequestContext, receivedAt: number, fbc?: string, fbp?: string): RawReceipt {
  const raw: RawReceipt = { event_id: event.event_id, received_at: receivedAt };
  if (event.user) raw.user = event.user;
  // custom_data is not kept here: the payload holds it (it names no person), so it is not stored twice.
  if (fbc) raw.fbc = fbc;
  if (fbp) raw.fbp = fbp;
  if (ctx.clientIp) raw.client_ip_address = ctx.clientIp;
  raw.client_user_agent = ctx.userAgent;
  if (ctx.country) raw.country = ctx.country;
  if (ctx.region) raw.region = ctx.region;
  return raw;
}

/** The abuse filters (abuse.ts): fake or throwaway contact details, then a burst of the same ones. */
function abuseFilter(normalized: NormalizedFields, signals: AbuseSignals): string | undefined {
  return abuseReasonOf(normalized) ?? (signals.burst ? 'burst' : undefined);
}

/** Nothing to Meta and no PII kept (docs/consent.md §6.3): no raw receipt, no payload, out of the due index. */
function markWithdrawn(record: ConversionRecord): void {
  markStandIn(record, 'suppressed', 'withdrawn');
  record.consent = { ...record.consent, verdict: 'suppressed', basis: 'withdrawn' };
}

/** A record that will never be sent: no payload, out of the due index (its claim carries no raw receipt). */
function markStandIn(record: ConversionRecord, state: EventState, reason: string): void {
  setState(record, state, reason);
  delete record.payload;
  delete record.next_attempt_at;
  delete record.dedup_key;
}

function setState(record: ConversionRecord, state: EventState, reason: string): void {
  record.state = state;
  record.reason = reason;
}
