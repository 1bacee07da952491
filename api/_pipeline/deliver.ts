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
  // next_attempt_at goes first: it is the record's last-added key (accept-event.ts), and V8 deletes a
  // last-added key by stepping back to the object's previous shape; deleted from the middle, it turns
  // the record into a slow dictionary that the two saves' JSON then walks (scripts/bench/ingest.ts)
  if (result.state === 'pending') record.next_attempt_at = now + Math.max(result.retryAfterMs ?? 0, PENDING_RETRY_DELAY_MS);
  else delete record.next_attempt_at;
  if (result.reason) record.reason = result.reason;
  else delete record.reason;
}
