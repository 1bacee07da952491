import type { PipelineDeps } from './deps.js';
import { deliverRecord, PENDING_RETRY_DELAY_MS } from './deliver.js';
import { holdWhilePaused, pausesToken, sharedPauseNotice, tokenFailureOf, tokenFingerprint } from './pause.js';
import type { RetryScheduler } from './retry-scheduler.js';
import type { PauseState } from '../_store/store.js';
import type { ConversionRecord } from '../_contract/records.js';

/**
 * Send the claimed record, unless sending is paused for the configured token (the pause state
 * came with the claim: no extra round trip). A token refusal (190) keeps the event pending and
 * pauses sending; a success with a token other than the refused one resumes it.
 */
export async function sendUnlessPaused(record: ConversionRecord, paused: PauseState | undefined, deps: PipelineDeps): Promise<void> {
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
export async function scheduleRetry(scheduler: RetryScheduler, record: ConversionRecord, deps: PipelineDeps): Promise<void> {
  try {
    await scheduler.scheduleRetry(record.event_id, record.next_attempt_at ?? deps.now());
  } catch {
    deps.log({ event_id: record.event_id, state: record.state, reason: 'retry_schedule_failed', attempts: record.attempts.length, duration_ms: 0 });
  }
}
