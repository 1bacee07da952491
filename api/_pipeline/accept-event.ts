import { isValidFbc, isValidFbp, pickClickId } from './click-ids.js';
import { visitorOf } from './consent/link.js';
import { decideConsent } from './consent/policy.js';
import { dedupKeyFor } from './dedup-key.js';
import { deliverRecord, PENDING_RETRY_DELAY_MS } from './deliver.js';
import type { Env } from '../_config/env.js';
import { filterEvent } from './event-filter.js';
import { resolveEventTime } from './event-time.js';
import type { EventLogEntry, EventLogger } from './log.js';
import { holdWhilePaused, pausesToken, sharedPauseNotice, tokenFailureOf, tokenFingerprint, type PauseNotice } from './pause.js';
import { buildServerEvent } from './payload.js';
import type { RetryScheduler } from './retry-scheduler.js';
import { saveOutcome } from './save-outcome.js';
import type { RequestContext } from '../_contract/request-context.js';
import type { Sender } from '../_meta/sender.js';
import type { ClaimInput, ClaimResult, PauseState, Store } from '../_store/store.js';
import type { ConversionRecord, RawReceipt } from '../_contract/records.js';
import type { EventAnswer, EventState } from '../_contract/wire.js';
import { buildUserData } from './user-data.js';
import type { EventInput } from './validate.js';

/** A crash between claim and send leaves the record for the sweeper after this lease. */
export const RECEIVE_LEASE_MS = 60_000;
/** A client retrying with a new event_id within this window collapses onto the first conversion. */
export const DEDUP_WINDOW_SEC = 600;

/** What the pipeline needs; all I/O comes in here. */
export interface PipelineDeps {
  env: Env;
  store: Store;
  sender: Sender;
  now: () => number;
  log: EventLogger;
  /** the once-a-minute "sending paused" line. @default sharedPauseNotice */
  pauseNotice?: PauseNotice;
  /** asks for a sweep when an event turns pending (QStash, when configured); absent: cron and the dev timer sweep */
  retryScheduler?: RetryScheduler;
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
export async function acceptEvent(event: EventInput, ctx: RequestContext, deps: PipelineDeps): Promise<AcceptOutcome> {
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
    event_source_url: event.event_source_url,
    ...(event.source ? { source: event.source } : {}),
    consent,
    attempts: [],
  };

  let raw: RawReceipt | undefined;
  let dedupKey: string | undefined;
  if (consent.verdict === 'suppressed') {
    // docs/consent.md §0: nothing to Meta and no PII kept, only the verdict.
    setState(record, 'suppressed', consent.basis);
  } else {
    const fbc = pickClickId(isValidFbc, ctx.cookies.fbc, ctx.cookies.crFbc, event.fbc);
    const fbp = pickClickId(isValidFbp, ctx.cookies.fbp, ctx.cookies.crFbp, event.fbp);
    const built = ctx.userAgent
      ? buildUserData({ user: event.user, clientIp: ctx.clientIp, userAgent: ctx.userAgent, fbc, fbp, ipCountry: ctx.country, defaultCountry: deps.env.defaultCountry, now: new Date(started) })
      : undefined;
    const filtered = filterEvent(ctx.userAgent, built?.userData);
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
      record.next_attempt_at = started + RECEIVE_LEASE_MS;
      dedupKey = dedupKeyFor(event, built.normalized);
      raw = rawReceipt(event, ctx, started, fbc, fbp);
    }
  }

  const day = 86_400;
  const ttls = { dedupTtlSec: DEDUP_WINDOW_SEC, rawTtlSec: deps.env.dataRetentionDays * day, recordTtlSec: deps.env.auditRetentionDays * day };
  // Only an event that may be sent consults the visitor's consent history (_store/store.ts ClaimInput.visitor).
  const visitor = record.state === 'received' ? visitorOf(event, deps.env) : undefined;
  let claim: ClaimResult;
  try {
    const input: ClaimInput = { record, ...ttls };
    if (raw) input.raw = raw;
    if (dedupKey) input.dedupKey = dedupKey;
    if (visitor) input.visitor = visitor;
    claim = await deps.store.claim(input);
    if (claim.kind === 'withdrawn') {
      // docs/consent.md §0 row 1: a withdrawal recorded by POST /api/consent beats a stale "granted" from
      // another tab. The PII-free stand-in is claimed instead, so a replay gets this same answer.
      markWithdrawn(record);
      claim = await deps.store.claim({ record, ...ttls });
    }
  } catch (error) {
    return { stored: false, error };
  }

  if (claim.kind === 'duplicate') {
    const original = claim.record;
    deps.log({ event_id: event.event_id, state: original.state, reason: `duplicate_${claim.matched}`, attempts: 0, duration_ms: deps.now() - started, duplicate: true, page: event.event_source_url });
    return { stored: true, body: { event_id: event.event_id, status: original.state, ...(original.reason ? { reason: original.reason } : {}), duplicate: true } };
  }

  if (record.state === 'received' && record.payload) {
    await sendUnlessPaused(record, claim.kind === 'claimed' ? claim.paused : undefined, deps);
    try {
      await saveOutcome(deps.store, record);
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
 * Send the claimed record, unless sending is paused for the configured token (the pause state
 * came with the claim: no extra round trip). A token refusal (190) keeps the event pending and
 * pauses sending; a success with a token other than the refused one resumes it.
 */
async function sendUnlessPaused(record: ConversionRecord, paused: PauseState | undefined, deps: PipelineDeps): Promise<void> {
  const notice = deps.pauseNotice ?? sharedPauseNotice;
  const fingerprint = tokenFingerprint(deps.env.metaAccessToken);
  if (pausesToken(paused, fingerprint)) {
    holdWhilePaused(record, deps.now(), PENDING_RETRY_DELAY_MS);
    notice(paused, deps.now());
    return;
  }
  await deliverRecord(deps.sender, record, deps.now);
  const tokenFailure = tokenFailureOf(record);
  if (tokenFailure) {
    const state: PauseState = { reason: tokenFailure, token_fingerprint: fingerprint, since: deps.now() };
    holdWhilePaused(record, state.since, PENDING_RETRY_DELAY_MS);
    // Best effort: if it fails, the next event meets the same refusal and tries again.
    await deps.store.setPause(state).catch(() => undefined);
    notice(state, state.since);
  } else if (paused && record.state === 'sent') {
    // A new token works (a new deployment): lift the pause so the sweeper sends what waited.
    await deps.store.clearPause().catch(() => undefined);
  }
}

/** Ask for a sweep when the event is due; a failure only logs, since cron sweeps anyway. */
async function scheduleRetry(scheduler: RetryScheduler, record: ConversionRecord, deps: PipelineDeps): Promise<void> {
  try {
    await scheduler.scheduleRetry(record.event_id, record.next_attempt_at ?? deps.now());
  } catch {
    deps.log({ event_id: record.event_id, state: record.state, reason: 'retry_schedule_failed', attempts: record.attempts.length, duration_ms: 0 });
  }
}

/** What was received in the clear. Built field by field (no spreads: this runs per event), keys in stored order. */
function rawReceipt(event: EventInput, ctx: RequestContext, receivedAt: number, fbc?: string, fbp?: string): RawReceipt {
  const raw: RawReceipt = { event_id: event.event_id, received_at: receivedAt };
  if (event.user) raw.user = event.user;
  if (event.custom_data) raw.custom_data = event.custom_data;
  if (fbc) raw.fbc = fbc;
  if (fbp) raw.fbp = fbp;
  if (ctx.clientIp) raw.client_ip_address = ctx.clientIp;
  raw.client_user_agent = ctx.userAgent;
  if (ctx.country) raw.country = ctx.country;
  if (ctx.region) raw.region = ctx.region;
  return raw;
}

/** Nothing to Meta and no PII kept (docs/consent.md §6.3): no raw receipt, no payload, out of the due index. */
function markWithdrawn(record: ConversionRecord): void {
  setState(record, 'suppressed', 'withdrawn');
  record.consent = { ...record.consent, verdict: 'suppressed', basis: 'withdrawn' };
  delete record.payload;
  delete record.next_attempt_at;
}

function setState(record: ConversionRecord, state: EventState, reason: string): void {
  record.state = state;
  record.reason = reason;
}
