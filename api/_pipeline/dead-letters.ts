import { deliverRecord } from './deliver.js';
import type { Sender } from '../_meta/sender.js';
import type { ConversionRecord } from '../_contract/records.js';
import type { EventState } from '../_contract/wire.js';
import { isAwaitingSend, type LogCursor, type Store } from '../_store/store.js';

/** Meta refuses events older than 7 days (docs/meta-capi.md §0.1); a re-send keeps an hour's margin so it cannot lapse mid-send. */
export const RESEND_MAX_AGE_SEC = 7 * 86_400 - 3_600;
/** While a re-send holds its lease the sweeper leaves the event alone; after it, a crashed re-send is the sweeper's to finish. */
export const RESEND_LEASE_MS = 60_000;

/** A permanently refused event as the admin page lists it: Meta's own words, no PII. */
export interface DeadLetter {
  event_id: string;
  event_name: string;
  /** ms epoch */
  received_at: number;
  /** ms epoch of the refusal */
  failed_at: number;
  reason?: string;
  code?: number;
  subcode?: number;
  message?: string;
  fbtrace_id?: string;
  /** false once the event is too old for Meta: it can no longer be re-sent */
  resendable: boolean;
}

/** Dead letters newest first, one log page (one store round trip). */
export async function listDeadLetters(store: Store, nowMs: number, limit: number, cursor?: LogCursor): Promise<{ dead_letters: DeadLetter[]; next?: LogCursor }> {
  const page = await store.listLog({ limit, state: 'failed', ...(cursor ? { cursor } : {}) });
  return { dead_letters: page.records.map((r) => toDeadLetter(r, nowMs)), ...(page.next ? { next: page.next } : {}) };
}

function toDeadLetter(record: ConversionRecord, nowMs: number): DeadLetter {
  const last = record.attempts[record.attempts.length - 1];
  const letter: DeadLetter = {
    event_id: record.event_id,
    event_name: record.event_name,
    received_at: record.received_at,
    failed_at: record.updated_at,
    resendable: record.payload !== undefined && !isTooOld(record, nowMs) && record.context_keys?.includes('client_user_agent') !== false,
  };
  if (record.reason) letter.reason = record.reason;
  if (last?.error?.code !== undefined) letter.code = last.error.code;
  if (last?.error?.subcode !== undefined) letter.subcode = last.error.subcode;
  if (last?.error?.message) letter.message = last.error.message;
  if (last?.fbtrace_id) letter.fbtrace_id = last.fbtrace_id;
  return letter;
}

function isTooOld(record: ConversionRecord, nowMs: number): boolean {
  return nowMs / 1000 - record.event_time > RESEND_MAX_AGE_SEC;
}

/** What a re-send did. Anything but `sent`/`pending`/`failed` means nothing was sent. */
export type ResendOutcome =
  | { kind: 'delivered'; state: EventState; reason?: string }
  | { kind: 'not_found' }
  | { kind: 'refused'; why: 'already_sent' | 'not_dead_letter' | 'too_old' | 'no_payload' | 'receipt_expired' | 'in_progress'; state?: EventState };

/** What a re-send needs. */
export interface ResendDeps {
  store: Store;
  sender: Sender;
  now: () => number;
}

/**
 * Send a dead-lettered event again from its stored payload (after its cause
 * was fixed). Only a `failed` event inside Meta's 7-day window is sent; the
 * lease (store.saveIfUnchanged from `failed` at the updated_at read) makes a
 * second re-send, or a sweep, of the same event find it taken: never two
 * sends. A re-send that dies after its lease leaves the event `received` in
 * the due index, so the sweeper finishes it: never lost either.
 */
export async function resendDeadLetter(eventId: string, deps: ResendDeps): Promise<ResendOutcome> {
  const record = await deps.store.get(eventId);
  if (!record) return { kind: 'not_found' };
  if (record.state === 'sent') return { kind: 'refused', why: 'already_sent', state: record.state };
  if (record.state !== 'failed') return { kind: 'refused', why: isAwaitingSend(record.state) ? 'in_progress' : 'not_dead_letter', state: record.state };
  if (!record.payload) return { kind: 'refused', why: 'no_payload', state: record.state };
  const at = deps.now();
  if (isTooOld(record, at)) return { kind: 'refused', why: 'too_old', state: record.state };
  // The payload's IP, UA and click ids live with the raw receipt (docs/consent.md §6.4): once it has
  // expired (DATA_RETENTION_DAYS shorter than Meta's window), what is left is not a website event.
  if (!record.payload.user_data.client_user_agent) return { kind: 'refused', why: 'receipt_expired', state: record.state };

  const leased: ConversionRecord = { ...record, state: 'received', reason: 'resend', updated_at: at, next_attempt_at: at + RESEND_LEASE_MS };
  const lease = await deps.store.saveIfUnchanged(leased, { state: 'failed', updated_at: record.updated_at });
  if (lease === 'not_found') return { kind: 'not_found' };
  if (lease === 'changed') return { kind: 'refused', why: 'in_progress' };

  await deliverRecord(deps.sender, leased, deps.now);
  await deps.store.save(leased);
  return { kind: 'delivered', state: leased.state, ...(leased.reason ? { reason: leased.reason } : {}) };
}
