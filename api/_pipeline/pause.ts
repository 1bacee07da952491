import { createHash } from 'node:crypto';
import type { ConversionRecord } from '../_contract/records.js';
import type { PauseState } from '../_store/store.js';

/** Meta's "access token expired, invalid or revoked" (docs/meta-capi.md §1.4): every later send would fail the same way. */
const TOKEN_ERROR_CODE = 190;
/** While paused, one line at most this often per process (and nothing per event). */
export const PAUSE_NOTICE_INTERVAL_MS = 60_000;
/** The marker the pause line starts with. */
export const PAUSE_LOG_MARKER = '[capi-relay] sending paused';

/**
 * A short, salted SHA-256 of the access token: enough to tell "the token that was
 * refused" from "a new token" (a new deployment), useless for recovering the token.
 * No token (dry run) has its own fingerprint, so a pause never stops a dry run.
 */
export function tokenFingerprint(token: string | undefined): string {
  if (!token) return 'none';
  if (cachedFingerprint?.token === token) return cachedFingerprint.fingerprint;
  const fingerprint = createHash('sha256').update(`capi-relay/token/${token}`).digest('hex').slice(0, 16);
  cachedFingerprint = { token, fingerprint };
  return fingerprint;
}
let cachedFingerprint: { token: string; fingerprint: string } | undefined;

/** True when `state` pauses sending with the token that has this fingerprint (a changed token resumes). */
export function pausesToken(state: PauseState | null | undefined, fingerprint: string): state is PauseState {
  return state !== null && state !== undefined && state.token_fingerprint === fingerprint;
}

/**
 * The pause reason when the record's last attempt was refused for the token (code 190, any
 * subcode), else undefined. Such an answer is about the token, not the event: the event is kept.
 */
export function tokenFailureOf(record: ConversionRecord): string | undefined {
  const error = record.attempts[record.attempts.length - 1]?.error;
  if (error?.code !== TOKEN_ERROR_CODE) return undefined;
  return error.subcode !== undefined ? `meta_error_190_${error.subcode}` : 'meta_error_190';
}

/**
 * Keep a record that may not be sent while paused: `pending` with reason `sending_paused`,
 * due again after `retryDelayMs` so the sweeper's probe (or a new token) picks it up.
 */
export function holdWhilePaused(record: ConversionRecord, nowMs: number, retryDelayMs: number): void {
  record.state = 'pending';
  record.reason = 'sending_paused';
  record.updated_at = nowMs;
  record.next_attempt_at = nowMs + retryDelayMs;
}

/** Writes the pause line at most once per PAUSE_NOTICE_INTERVAL_MS. */
export type PauseNotice = (state: PauseState, nowMs: number) => void;

/** A notice writing to `write` (console.warn by default). The line names the reason and the time, never the token or an event. */
export function createPauseNotice(write: (line: string) => void = (line) => console.warn(line)): PauseNotice {
  let lastAt = -Infinity;
  return (state, nowMs) => {
    if (nowMs - lastAt < PAUSE_NOTICE_INTERVAL_MS) return;
    lastAt = nowMs;
    write(
      `${PAUSE_LOG_MARKER}: Meta refused the access token (${state.reason}) at ${new Date(state.since).toISOString()}; ` +
        'events are kept pending, not sent. Set a new META_ACCESS_TOKEN and redeploy; sending resumes by itself.',
    );
  };
}

/** The process-wide notice: the ingest route and the sweeper share the once-a-minute budget. */
export const sharedPauseNotice: PauseNotice = createPauseNotice();
