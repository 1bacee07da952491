import type { ConversionRecord, JoinSource, RawReceipt } from '../_contract/records.js';
import type { EventState, RawUserFields } from '../_contract/wire.js';

/** What `Store.claim` persists in one atomic step. */
export interface ClaimInput {
  /** The initial audit record. It is also the idempotency key: one record per event_id. */
  record: ConversionRecord;
  /** Raw PII as received; omitted for suppressed events. The store adds the record payload's context to it. */
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
   * Salted hash of the widget's consent id (_pipeline/consent/visitor-hash.ts hashConsentId),
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
  /**
   * Join keys of a `waiting` record (docs/form-tools.md §22.4; `eid:<event_id>`,
   * `<tool>:<submission id>`, no PII). In the same atomic step the claim takes
   * details parked under any of them (answered in `ClaimResult.parked` and
   * deleted), and files each key → event_id for recordTtlSec, so a details half
   * arriving later finds the event (parkOrFind).
   */
  joinKeys?: string[];
}

/**
 * A details half that arrived before its browser half (docs/form-tools.md §22.4):
 * parked under its join keys until the browser half claims it or its deadline.
 * Holds raw contact fields, so it lives in an expiring key only.
 */
export interface ParkedDetails {
  /** the park's own id: its first join key */
  id: string;
  keys: string[];
  from: JoinSource;
  /** ms epoch when it arrived */
  at: number;
  /** the JoinTool it came from, or 'identify' */
  via: string;
  /** capi-relay's event_id when the details carried it */
  event_id?: string;
  /** the tool's submission or booking id */
  submission_id?: string;
  /** ms epoch when the tool says the visitor submitted */
  submitted_at?: number;
  user: RawUserFields;
}

/** What `Store.parkOrFind` needs. */
export interface ParkInput {
  details: ParkedDetails;
  /** seconds the parked details live (their deadline plus a margin) */
  ttlSec: number;
  /** ms epoch of their deadline: the parked-due index score (claimParkedDue) */
  dueAt: number;
}

export type ParkResult =
  /** a browser half already claimed one of the keys: join into this event */
  | { kind: 'found'; eventId: string }
  | { kind: 'parked' }
  /** the same details are already parked (a repeated webhook): nothing written */
  | { kind: 'already_parked' };

/** What `Store.completeJoin` writes, conditionally, in one atomic step. */
export interface JoinCompletion {
  /** the record as the join (or its fallback) leaves it */
  record: ConversionRecord;
  /** the stored record must still have this state (`waiting`) and updated_at */
  expected: ExpectedRecord;
  /** the raw receipt to write in place of the stored one (keeping its expiry); null deletes it; absent leaves it */
  raw?: RawReceipt | null;
  /** identity index entries of the joined details, added like ClaimInput.identities */
  identities?: string[];
  /** seconds an identity index entry lives: the longer of the record's and the raw receipt's TTL, so an erasure finds both (ClaimInput) */
  recordTtlSec: number;
}

export type JoinCompletionResult =
  /** written; `paused` is the pause state read in the same step (absent when not paused) */
  | { kind: 'saved'; paused?: PauseState }
  /** the record is no longer waiting with that updated_at: another half completed it first */
  | { kind: 'changed' }
  | { kind: 'not_found' };

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
  /** the leased events still waiting to be sent (received, pending or waiting), oldest due first */
  events: DueEvent[];
}

export type ClaimResult =
  /**
   * `paused` is the pause state, read in the same round trip (absent when not paused);
   * `parked` the details half the claim took for one of its joinKeys (absent when none)
   */
  | { kind: 'claimed'; paused?: PauseState; parked?: ParkedDetails }
  /** `visitor` has withdrawn consent: nothing was written */
  | { kind: 'withdrawn' }
  /** `visitor` already has MAX_EVENTS_PER_VISITOR linked events: nothing was written */
  | { kind: 'visitor_limit' }
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
 * Events one consent id may have linked at a time (the links live rawTtlSec). A real visitor sends a
 * handful of leads a week; the cap bounds what one withdrawal touches, whoever posted the events.
 */
export const MAX_EVENTS_PER_VISITOR = 20;

/** What `Store.withdrawVisitor` needs. */
export interface WithdrawInput {
  /** salted hash of the consent id (ClaimInput.visitor) */
  visitor: string;
  /** seconds the withdrawal marker holds when the visitor has linked events */
  ttlSec: number;
  /**
   * seconds it holds for a visitor with none: a denial under an id never seen
   * (or whose links expired) must not create a key that lives for months
   */
  unseenTtlSec: number;
  /** ms epoch, written as updated_at of every cancelled record */
  nowMs: number;
}

/** What a withdrawal did to the visitor's linked events. */
export interface WithdrawResult {
  /** were awaiting send (isAwaitingSend): now `suppressed` / `withdrawn`, without payload, raw receipt or due entry */
  cancelled: string[];
  /** already in another state (sent, failed, suppressed, filtered): left as they are (docs/consent.md §6.3) */
  final: string[];
}

/** Options of `Store.save`. */
export interface SaveOptions {
  /**
   * Write only while the stored record is still awaiting send (`received` or
   * `pending`). The save after a send uses it, so a withdrawal that cancelled
   * the event while the send was in flight is never overwritten (docs/consent.md §6.3).
   */
  ifAwaitingSend?: boolean;
}

/**
 * Persistence for the pipeline. Both implementations (embedded memory,
 * Upstash Redis) must behave the same; the shared contract test proves it.
 *
 * Records awaiting send (isAwaitingSend) that carry
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
   * outcome) → visitor withdrawn → visitor has MAX_EVENTS_PER_VISITOR links →
   * dedupKey taken. A successful claim also reads the pause state
   * (PauseState), so checking it costs no round trip. One round trip.
   */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /**
   * Atomically, in one round trip whatever the number of linked events (at
   * most MAX_EVENTS_PER_VISITOR): set the visitor's withdrawal marker (ttlSec,
   * or unseenTtlSec when no event is linked; claims with this visitor are
   * refused until it expires or clearWithdrawal), and cancel every linked
   * event still waiting to be sent (isAwaitingSend): its record
   * becomes `suppressed` with reason and consent basis `withdrawn`, loses its
   * payload and next_attempt_at and leaves the due index, and its raw receipt
   * is deleted (a suppressed event keeps no personal data). Events in any
   * other state are only reported. The link set is kept, so a retried
   * withdrawal reports the same ids (then all final).
   */
  withdrawVisitor(input: WithdrawInput): Promise<WithdrawResult>;
  /** Remove the withdrawal marker (a later explicit grant). One round trip. */
  clearWithdrawal(visitor: string): Promise<void>;
  /**
   * Replace the stored record (keeping its expiry) and update the due index. One round trip.
   * Rejects with StoreError failure 'not_found' when the record was never claimed or has expired.
   * Resolves true when written, false when `ifAwaitingSend` held it back (the stored record is
   * final: a withdrawal or another sender finished it first), in the same atomic step.
   */
  save(record: ConversionRecord, options?: SaveOptions): Promise<boolean>;
  /**
   * The record, its payload made whole from the raw receipt's PayloadContext
   * while the receipt lasts (records.ts ConversionRecord.payload; one round
   * trip: the two keys are read together). Stored records never hold the
   * context themselves: claim writes it into the raw receipt, save strips it.
   */
  get(eventId: string): Promise<ConversionRecord | null>;
  /** The raw receipt (with the payload's context when the event had a payload), until DATA_RETENTION_DAYS. */
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
  /**
   * A details half (docs/form-tools.md §22.4), atomically: when one of its keys
   * is filed (a browser half claimed it) answer that event id; else, when one of
   * them already holds parked details, answer already_parked and write nothing;
   * else park the details under every key for ttlSec and in the parked-due index
   * at dueAt. One round trip.
   */
  parkOrFind(input: ParkInput): Promise<ParkResult>;
  /**
   * The join's last step (or its fallback's): `saveIfUnchanged` for a waiting
   * record, plus in the same atomic step the raw receipt replaced (keeping its
   * expiry) or deleted, the identity index entries added, and the pause state
   * read. One round trip.
   */
  completeJoin(input: JoinCompletion): Promise<JoinCompletionResult>;
  /**
   * Parked details whose deadline passed, up to `limit`, leased like claimDue
   * (their due score moved to nowMs + leaseMs); ids whose details expired leave
   * the index. One round trip.
   */
  claimParkedDue(nowMs: number, limit: number, leaseMs: number): Promise<ParkedDetails[]>;
  /** Delete parked details and their keys; true when they were still there. One round trip. */
  dropParked(id: string): Promise<boolean>;
}

/**
 * True for an event still waiting to be sent (`received`, `pending`, or
 * `waiting` for its details, docs/form-tools.md §22.4): the states a withdrawal cancels
 * (withdrawVisitor) and the only ones a conditional save overwrites
 * (SaveOptions.ifAwaitingSend); the Redis scripts apply the same rule.
 */
export function isAwaitingSend(state: EventState): boolean {
  return state === 'received' || state === 'pending' || state === 'waiting';
}
