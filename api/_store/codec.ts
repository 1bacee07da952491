import type { CapiServerEvent, ConversionRecord, RawReceipt } from '../_contract/records.js';
import type { PauseState } from './store.js';

/**
 * Rules both Store implementations share, so they cannot drift apart:
 * how values are read back and which records belong in the due index.
 */

/** The recent index keeps this many newest ids; the log page never shows more. */
export const RECENT_LIMIT = 10_000;

/**
 * How a payload becomes JSON. The wiring passes the sender's own (_meta/payload-json.ts
 * serializeServerEvent), so the text sent to Meta is reused rather than written again.
 */
export type PayloadJson = (payload: CapiServerEvent) => string;

/**
 * A record as stored JSON. The payload's JSON comes from `payloadJson`, so it comes last in the
 * text; readers parse the text, so key order carries no meaning.
 */
export function serializeRecord(record: ConversionRecord, payloadJson: PayloadJson = JSON.stringify): string {
  const payload = record.payload;
  if (!payload) return JSON.stringify(record);
  // copied key by key: rest destructuring (`{ payload, ...rest }`) cost 3 µs here, this 0.3 µs
  const rest: Record<string, unknown> = {};
  for (const key in record) if (key !== 'payload') rest[key] = record[key as keyof ConversionRecord];
  return `${JSON.stringify(rest).slice(0, -1)},"payload":${payloadJson(payload)}}`;
}

function parseObject(json: string | null | undefined): Record<string, unknown> | null {
  if (typeof json !== 'string') return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A stored record, or null when the value is missing or corrupt (a bad value must not crash a read). */
export function parseRecord(json: string | null | undefined): ConversionRecord | null {
  const value = parseObject(json);
  if (!value || typeof value.event_id !== 'string' || typeof value.state !== 'string') return null;
  if (typeof value.received_at !== 'number' || !Array.isArray(value.attempts)) return null;
  return value as unknown as ConversionRecord;
}

/** A stored raw receipt, or null when missing or corrupt. */
export function parseRaw(json: string | null | undefined): RawReceipt | null {
  const value = parseObject(json);
  if (!value || typeof value.event_id !== 'string' || typeof value.received_at !== 'number') return null;
  return value as unknown as RawReceipt;
}

/**
 * The record's score in the due index, or null when it must not be there:
 * only `received` and `pending` records with a next_attempt_at are retried
 * by the sweeper (store.ts).
 */
export function dueScore(record: ConversionRecord): number | null {
  const retriable = record.state === 'received' || record.state === 'pending';
  return retriable && typeof record.next_attempt_at === 'number' && Number.isFinite(record.next_attempt_at)
    ? record.next_attempt_at
    : null;
}

/** The stored pause state, or null when missing or corrupt (a bad value must not stop sending forever). */
export function parsePause(json: string | null | undefined): PauseState | null {
  const value = parseObject(json);
  if (!value || typeof value.reason !== 'string' || typeof value.token_fingerprint !== 'string' || typeof value.since !== 'number') return null;
  return { reason: value.reason, token_fingerprint: value.token_fingerprint, since: value.since };
}
