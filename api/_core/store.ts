import type { ConversionRecord, RawReceipt } from './types.js';

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
}

export type ClaimResult =
  | { kind: 'claimed' }
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
 * Every method rejects with a `StoreError` (store-error.ts) whose message and
 * cause carry no key or value. Ids from listDue/listRecent may point at a
 * record that has since expired: `get` then answers null.
 */
export interface Store {
  /**
   * Atomically: claim event_id and dedupKey, store record + raw, index the
   * record by received_at (recent list) and by next_attempt_at (due list).
   * Nothing is written when either key is already taken. One round trip.
   */
  claim(input: ClaimInput): Promise<ClaimResult>;
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
}
