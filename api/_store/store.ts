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
  /**
   * Identity index entries (already hashed, no PII), e.g. `em:<sha256>`: the
   * claim adds the event id to each one's set, whose expiry is pushed to
   * recordTtlSec so the index lives as long as the newest record it points to.
   * Erasure and the log search find a person's events through it in one lookup.
   */
  identities?: string[];
}

export type ClaimResult =
  | { kind: 'claimed' }
  /** `visitor` has withdrawn consent: nothing was written */
  | { kind: 'withdrawn' }
  | {
      kind: 'duplicate';
      /** the record that owns the key (for a dedupKey match: the first conversion) */
      record: ConversionRecord;
      matched: 'event_id' | 'dedup_key';
    };

/** Where a log page continues: the last listed record's received_at and event_id. */
export interface LogCursor {
  at: number;
  id: string;
}

/** One page of the conversion log (store.ts Store.listLog). */
export interface LogQuery {
  /** records per page, 1–100 */
  limit: number;
  cursor?: LogCursor;
  state?: string;
  tool?: string;
  form?: string;
  /** received_at bounds, ms epoch, inclusive */
  from?: number;
  to?: number;
  /** an identity index entry (ClaimInput.identities): only that person's events */
  identity?: string;
}

export interface LogPage {
  /** newest first */
  records: ConversionRecord[];
  /**
   * event_id → the raw receipt's email while the receipt lives (DATA_RETENTION_DAYS), so the
   * admin answer can show it masked; the handler masks it, it never leaves the server raw.
   */
  emails: Record<string, string>;
  /** set when more may follow (also when the scan cap stopped the page short) */
  next?: LogCursor;
}

/** user_data keys whose share of sent events the admin page shows (docs/meta-capi.md §3). */
export const MATCH_KEYS = ['em', 'ph', 'fn', 'ln', 'external_id', 'fbc', 'fbp', 'client_ip_address', 'client_user_agent'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

export interface LogSummary {
  day: Partial<Record<EventState, number>>;
  week: Partial<Record<EventState, number>>;
  /** sent events of the week, the denominator of `carrying` */
  sent: number;
  carrying: Record<MatchKey, number>;
}

/** The state a conditional save expects to replace (Store.saveIfUnchanged). */
export interface ExpectedRecord {
  state: EventState;
  updated_at: number;
}

export type ConditionalSave = 'saved' | 'changed' | 'not_found';

/** What an erasure removed, per kind of key. */
export interface ErasureCounts {
  records: number;
  raw_receipts: number;
  idempotency_keys: number;
  index_entries: number;
}

/** Records one log page may examine before it answers short with a cursor (bounds a filtered page's work). */
export const LOG_SCAN_CAP = 2_000;

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
   * outcome) → visitor withdrawn → dedupKey taken. One round trip.
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
   * One page of the conversion log, newest first (by received_at, ties by
   * event_id descending, as a Redis sorted set orders them), filtered by
   * state / source.tool / source.form / time range, or limited to one
   * identity's events. Examines at most LOG_SCAN_CAP records, then answers
   * with what matched and a cursor. One round trip.
   */
  listLog(query: LogQuery): Promise<LogPage>;
  /**
   * Counts for the admin page over the recent index (at most RECENT_LIMIT
   * records): events per state received since `dayStartMs` and since
   * `weekStartMs`, and for the week's sent events how many carried each
   * user_data key (the match-quality levers). One round trip.
   */
  summarize(dayStartMs: number, weekStartMs: number): Promise<LogSummary>;
  /**
   * Replace the record (keeping its expiry, updating the due index like
   * `save`) only while the stored one still has `expected` state and
   * updated_at: the lease a re-send takes, so two re-sends, or a re-send and
   * the sweeper, never both send. One round trip.
   */
  saveIfUnchanged(record: ConversionRecord, expected: ExpectedRecord): Promise<ConditionalSave>;
  /**
   * Delete every record, raw receipt and dedup key of the events listed
   * under these identity index entries, their recent/due index entries and
   * the identity entries themselves; keys of other people are untouched.
   * One round trip.
   */
  erase(identities: string[]): Promise<ErasureCounts>;
}

/**
 * True for an event still waiting to be sent: the states a withdrawal cancels
 * (_pipeline/consent/withdraw.ts) and whose raw receipt it deletes
 * (withdrawVisitor; the Redis WITHDRAW_SCRIPT applies the same rule).
 */
export function isAwaitingSend(state: EventState): boolean {
  return state === 'received' || state === 'pending';
}
