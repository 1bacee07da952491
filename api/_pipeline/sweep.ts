import type { PipelineDeps } from './deps.js';
import { deliverRecord, PENDING_RETRY_DELAY_MS } from './deliver.js';
import { holdWhilePaused, pausesToken, sharedPauseNotice, tokenFailureOf, tokenFingerprint, type PauseNotice } from './pause.js';
import { saveOutcome } from './save-outcome.js';
import { lookForDetails } from './join/look.js';
import { recordUnmatchedDetails } from './join/unmatched.js';
import type { DueEvent, PauseState, Store } from '../_store/store.js';
import type { ConversionRecord } from '../_contract/records.js';

/**
 * Meta refuses a whole request holding an event older than 7 days (docs/meta-capi.md §0.1).
 * The sweeper stops an hour short of it: a slow send or a skewed clock must not push an event
 * over the edge and take its batch with it.
 */
export const MAX_SEND_AGE_SEC = 7 * 86_400 - 3_600;

/** How much one sweep does. */
export interface SweepLimits {
  /** no new slice starts after this much time; a slice already under way finishes (one send budget, ~8 s) */
  budgetMs: number;
  /** events picked (and sent concurrently, so their first attempts coalesce) per slice */
  sliceSize: number;
  /** how long a picked event is hidden from other sweeps; longer than a slice can take */
  leaseMs: number;
}

/** Fits Vercel's 20 s maxDuration (vercel.json): an 8 s budget plus one last slice of at most ~8 s. */
export const DEFAULT_SWEEP_LIMITS: Readonly<SweepLimits> = Object.freeze({ budgetMs: 8_000, sliceSize: 250, leaseMs: 5 * 60_000 });

/** What a sweep needs (the pipeline's dependencies, less its retry scheduler); all I/O comes in here. */
export type SweepDeps = Pick<PipelineDeps, 'env' | 'store' | 'sender' | 'now' | 'log' | 'pauseNotice'>;

/** What one sweep did (PII-free: counts only); the cron route answers it as JSON. */
export interface SweepReport {
  slices: number;
  /** due ids looked at (expired or no longer waiting ones included) */
  picked: number;
  sent: number;
  pending: number;
  failed: number;
  /** refused here without a send: older than Meta's window */
  too_old: number;
  /** cancelled here: the visitor withdrew consent (the raw receipt is gone) */
  withdrawn: number;
  /** a save that failed: the event keeps its lease and is picked again after it */
  save_failed: number;
  /** waiting browser halves joined with details a tool API answered (docs/form-tools.md §22.4) */
  joined: number;
  /** waiting browser halves looked at that still wait (next API look, or their deadline) */
  waiting: number;
  /** waiting browser halves past their deadline: sent with what they had, or dropped (JOIN_FALLBACK) */
  fallback: number;
  /** parked details whose browser half never came: recorded as no_browser_half, their contact data deleted */
  unmatched: number;
  /** sending is paused for the configured token (the probe was refused, or failed) */
  paused: boolean;
  /** true when the budget ran out with events possibly still due */
  more: boolean;
  duration_ms: number;
}

type Outcome = 'sent' | 'pending' | 'failed' | 'too_old' | 'withdrawn' | 'token_refused' | 'joined' | 'waiting' | 'fallback' | 'gone';

/**
 * One sweep: pick due events in slices (each pick leases them in the same store operation,
 * Store.claimDue), send each slice concurrently, save, until nothing is due or the budget is
 * spent. While sending is paused for this token the store hands out one event, the probe:
 * if Meta accepts it the pause is lifted and the sweep goes on; if not, the sweep stops.
 * Each event costs ≤ 3 store round trips: its share of the pick, its save, and (rarely) a pause write.
 */
export async function sweep(deps: SweepDeps, limits: SweepLimits = DEFAULT_SWEEP_LIMITS): Promise<SweepReport> {
  const started = deps.now();
  const notice = deps.pauseNotice ?? sharedPauseNotice;
  const fingerprint = tokenFingerprint(deps.env.metaAccessToken);
  const report: SweepReport = { slices: 0, picked: 0, sent: 0, pending: 0, failed: 0, too_old: 0, withdrawn: 0, save_failed: 0, joined: 0, waiting: 0, fallback: 0, unmatched: 0, paused: false, more: false, duration_ms: 0 };

  for (;;) {
    if (deps.now() - started >= limits.budgetMs) {
      report.more = true;
      break;
    }
    const batch = await deps.store.claimDue(deps.now(), limits.sliceSize, limits.leaseMs);
    report.slices += 1;
    report.picked += batch.picked;
    if (batch.picked === 0) break;
    const outcomes = await Promise.all(batch.events.map((event) => sweepOne(event, deps, report)));
    const refused = outcomes.includes('token_refused');
    if (refused) {
      const state: PauseState = { reason: pauseReason(batch.events, outcomes), token_fingerprint: fingerprint, since: deps.now() };
      await deps.store.setPause(state);
      notice(state, state.since);
      report.paused = true;
      break;
    }
    if (batch.paused) {
      if (outcomes.includes('sent')) await deps.store.clearPause(); // the probe went through: resume
      else if (pausesToken(batch.paused, fingerprint) && outcomes.some((o) => o === 'pending' || o === 'failed')) {
        // The probe was not accepted (Meta down, or another refusal): stay paused, probe again next sweep.
        notice(batch.paused, deps.now());
        report.paused = true;
        break;
      }
    }
  }
  // Details halves that never met a browser half (one round trip when there are none).
  if (!report.paused) report.unmatched = await recordUnmatchedDetails(deps, limits.sliceSize, limits.leaseMs);
  report.duration_ms = deps.now() - started;
  return report;
}

async function sweepOne({ record, hasRaw }: DueEvent, deps: SweepDeps, report: SweepReport): Promise<Outcome> {
  const at = deps.now();
  let outcome: Outcome;
  if (!hasRaw && at < record.received_at + deps.env.dataRetentionDays * 86_400_000) {
    // The receipt is kept DATA_RETENTION_DAYS; gone earlier, a withdrawal deleted it with the marker.
    cancelAsWithdrawn(record, at);
    outcome = 'withdrawn';
  } else if (record.state === 'waiting' && record.join) {
    // docs/form-tools.md §22.4: look for its details, or fall back at the deadline; it writes its own outcome.
    const looked = await lookForDetails(record, deps);
    if (looked !== 'gone') report[looked] += 1;
    deps.log({ event_id: record.event_id, state: 'waiting', reason: `join_${looked}`, attempts: 0, duration_ms: deps.now() - at });
    return looked;
  } else if (record.payload && record.payload.event_time < at / 1000 - MAX_SEND_AGE_SEC) {
    failTooOld(record, at);
    outcome = 'too_old';
  } else {
    await deliverRecord(deps.sender, record, deps.now);
    const tokenFailure = tokenFailureOf(record);
    if (tokenFailure) holdWhilePaused(record, deps.now(), PENDING_RETRY_DELAY_MS);
    outcome = tokenFailure ? 'token_refused' : (record.state as 'sent' | 'pending' | 'failed');
  }
  try {
    await saveOutcome(deps.store, record);
  } catch {
    report.save_failed += 1;
  }
  if (outcome === 'token_refused') report.pending += 1;
  else report[outcome] += 1;
  deps.log({ event_id: record.event_id, state: record.state, ...(record.reason ? { reason: record.reason } : {}), attempts: record.attempts.length, duration_ms: deps.now() - at, page: record.event_source_url });
  return outcome;
}

/** docs/consent.md §6.3: nothing more to Meta, no PII; the same state a withdrawal writes (consent/withdraw.ts). */
function cancelAsWithdrawn(record: ConversionRecord, nowMs: number): void {
  record.state = 'suppressed';
  record.reason = 'withdrawn';
  record.updated_at = nowMs;
  delete record.next_attempt_at;
}

/** Outside Meta's window the event can never be accepted: a permanent failure, kept in the audit trail. */
function failTooOld(record: ConversionRecord, nowMs: number): void {
  record.state = 'failed';
  record.reason = 'too_old';
  record.updated_at = nowMs;
  delete record.next_attempt_at;
}

function pauseReason(events: DueEvent[], outcomes: Outcome[]): string {
  const index = outcomes.indexOf('token_refused');
  return tokenFailureOf(events[index]!.record) ?? 'meta_error_190';
}
