import type { ConversionRecord, RawReceipt } from '../_contract/records.js';
import type { EventState } from '../_contract/wire.js';

/** What `Store.claim` persists in one atomic step. */
export interface ClaimInput {
  /** The initial audit record. It is also the idempotency key: one record per event_id. */
  record: ConversionRecord;
  /** Raw PII as received; omitted for suppressed events. */
  raw?: RawReceipt;
  /**
   * Second idempotency key (already hashed, no PII) for clients that retry
   * with a new event_id: same form + same normalized email/phone.
   */
  dedupKey?: string;
  /** seconds the dedupKey holds (10 minutes) */
  dedupTtlSec: number;
  /** seconds the raw receipt lives (DATA_RETENTION_DAYS) */
  rawTtlSec: number;
  /** seconds the audit record lives; must exceed Meta's 48 h dedup window */
  recordTtlSec: number;
  /**
   * Salted hash of the widget's consent id (_pipeline/consent/proof.ts hashConsentId),
   * never the raw id. Set it for events that may be sent: the claim is then
   * refused while the visitor's withdrawal marker exists, and a successful
   * claim adds the event to the visitor's link set (kept rawTtlSec) so a
   * later withdrawal can cancel it (docs/consent.md §0 row 1, §6.3).
   */
  visitor?: string;
}

/**
 * Store-wide "sending paused": Meta refused the access token (docs/meta-capi.md §1.4, code 190).
 * It names the token only by a fingerprint (_pipeline/pause.ts tokenFingerprint), never the token.
 */
export interface PauseState {
  /** why, e.g. "meta_error_190" or "meta_error_190_463" */
  reason: string;
  /** fingerprint of the token that was refused: a new token (a new deployment) resumes sending */
  token_fingerprint: string;
  /** ms epoch when sending was paused */
  since: number;
}

/** One event a sweep picked and leased (Store.claimDue). */
export interface DueEvent {
  record: ConversionRecord;
  /**
   * Whether the raw receipt still exists. A withdrawal deletes it in the same step as setting
   * the visitor's marker (withdrawVisitor), so an event waiting to be sent without it is one
   * whose visitor withdrew (or whose receipt outlived DATA_RETENTION_DAYS).
   */
  hasRaw: boolean;
}

/** What one Store.claimDue call took. */
export interface DueBatch {
  /** the pause state, read in the same operation (null: sending is not paused) */
  paused: PauseState | null;
  /** due ids looked at, including those dropped from the index (expired or no longer waiting) */
  picked: number;
  /** the leased events still waiting to be sent (received or pending), oldest due first */
  events: DueEvent[];
}

export type ClaimResult =
  /** `paused` is the pause state, read in the same round trip (absent when not paused) */
  | { kind: 'claimed'; paused?: PauseState }
  /** `visitor` has withdrawn consent: nothing was written */
  | { kind: 'withdrawn' }
  | {
      kind: 'duplicate';
      /** the record that owns the key (for a dedupKey match: the first conversion) */
      record: ConversionRecord;
      matched: 'event_id' | 'dedup_key';
    };

/**
 * Persistence for the pipeline. Both implementations (embedded memory,
 * Upstash Redis) must behave the same; the shared contract test proves it.
 *
 * Records whose state is `received` or `pending` and that carry
 * `next_attempt_at` are in the due index that the sweeper reads.
 *
 * Every method rejects with a `StoreError` (error.ts) whose message and
 * cause carry no key or value. Ids from listDue/listRecent may point at a
 * record that has since expired: `get` then answers null.
 */
export interface Store {
  /**
   * Atomically: claim event_id and dedupKey, store record + raw, index the
   * record by received_at (recent list) and by next_attempt_at (due list),
   * and link it to `visitor` when given. Checked in this order, and nothing
   * is written when one matches: event_id taken (a replay gets its original
   * outcome) → visitor withdrawn → dedupKey taken. A successful claim also
   * reads the pause state (PauseState), so checking it costs no round trip.
   * One round trip.
   */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /**
   * Atomically set the visitor's withdrawal marker for `ttlSec` (claims with
   * this visitor are refused until it expires or clearWithdrawal), delete the
   * raw receipt of every linked event still waiting to be sent (`received` or
   * `pending`: the ones the withdrawal cancels, _pipeline/consent/withdraw.ts, and a
   * suppressed event keeps no PII), and return the event ids linked to the
   * visitor by earlier claims. Events in any other state keep their receipt
   * until it expires. The link set is kept, so a retried withdrawal finds the
   * same ids. One round trip.
   */
  withdrawVisitor(visitor: string, ttlSec: number): Promise<string[]>;
  /** Remove the withdrawal marker (a later explicit grant). One round trip. */
  clearWithdrawal(visitor: string): Promise<void>;
  /**
   * Replace the stored record (keeping its expiry) and update the due index. One round trip.
   * Rejects with StoreError failure 'not_found' when the record was never claimed or has expired.
   */
  save(record: ConversionRecord): Promise<void>;
  get(eventId: string): Promise<ConversionRecord | null>;
  getRaw(eventId: string): Promise<RawReceipt | null>;
  /** ids whose next_attempt_at <= nowMs, oldest first */
  listDue(nowMs: number, limit: number): Promise<string[]>;
  /** newest first, for the log page */
  listRecent(limit: number): Promise<string[]>;
  /**
   * The sweeper's pick, atomically: take up to `limit` ids whose next_attempt_at <= nowMs
   * (only 1 while sending is paused: the sweeper's single probe), drop from the due index the
   * ids whose record expired or is no longer waiting to be sent (e.g. `suppressed` by a
   * withdrawal), and lease the others by moving their due score to nowMs + leaseMs, so a second
   * sweep running at the same time cannot pick them until the lease ends. Returns the leased
   * records, whether each still has its raw receipt, and the pause state. The lease is not
   * written into the record: a save (sent, failed, or pending with a new next_attempt_at)
   * replaces it. One round trip, whatever `limit` is.
   */
  claimDue(nowMs: number, limit: number, leaseMs: number): Promise<DueBatch>;
  /** The pause state, or null when sending is not paused (for the admin page). One round trip. */
  getPause(): Promise<PauseState | null>;
  /** Pause sending store-wide until clearPause. One round trip. */
  setPause(state: PauseState): Promise<void>;
  /** Resume sending. One round trip. */
  clearPause(): Promise<void>;
}

/**
 * True for an event still waiting to be sent: the states a withdrawal cancels
 * (_pipeline/consent/withdraw.ts) and whose raw receipt it deletes
 * (withdrawVisitor; the Redis WITHDRAW_SCRIPT applies the same rule).
 */
export function isAwaitingSend(state: EventState): boolean {
  return state === 'received' || state === 'pending';
}
