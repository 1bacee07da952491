import type { Sender, SendResult } from '../_meta/sender.js';
import type { ConversionRecord } from '../_contract/records.js';

/** A crash between claim and send leaves the record for the sweeper after this lease. */
export const RECEIVE_LEASE_MS = 60_000;

/** When Meta gives no (longer) Retry-After, the sweeper may try a pending event again after this. */
export const PENDING_RETRY_DELAY_MS = 60_000;

/**
 * Send a record's payload and write the outcome into the record (state, attempts,
 * reason, next_attempt_at); the caller saves it. Reusable by the sweeper. A pending record keeps a
 * next_attempt_at so the sweeper finds it; sent/failed ones leave the due index.
 */
export async function deliverRecord(sender: Sender, record: ConversionRecord, now: () => number): Promise<void> {
  let result: SendResult;
  if (!record.payload) result = { state: 'failed', attempts: [], reason: 'no_payload' };
  else {
    // inline rather than a helper: every event passes here, and each async layer is one more suspension
    try {
      result = await sender.send(record.payload);
    } catch {
      // A sender must not throw; if one does, the event is kept for the sweeper rather than lost.
      result = { state: 'pending', attempts: [], reason: 'sender_error' };
    }
  }
  applySendResult(record, result, now());
}

function applySendResult(record: ConversionRecord, result: SendResult, now: number): void {
  // appended, so a sweeper retry keeps the inline attempts in the audit trail
  record.attempts = [...record.attempts, ...result.attempts];
  record.state = result.state;
  record.updated_at = now;
  // Cleared by assigning undefined, never by `delete`: a deleted key turns the record into a slow
  // dictionary (on Node 24's V8 even the last-added key does) that the save's JSON then walks, ~5% of
  // the ingest path's CPU (scripts/bench/ingest.ts). JSON.stringify leaves undefined values out, so
  // the stored record is the same; nothing reads these keys' presence, only their values.
  record.next_attempt_at = result.state === 'pending' ? now + Math.max(result.retryAfterMs ?? 0, PENDING_RETRY_DELAY_MS) : undefined;
  record.reason = result.reason || undefined;
}
