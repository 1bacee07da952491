import type { CapiServerEvent, ConversionRecord, RawReceipt } from '../_contract/records.js';
import { MATCH_KEYS, type LogCursor, type LogQuery, type LogSummary } from './store.js';

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

/**
 * True when a log entry (received_at `at`, id) comes after the cursor in
 * newest-first order: the order of ZREVRANGEBYSCORE, ties by id descending.
 */
export function isAfterCursor(at: number, id: string, cursor: LogCursor | undefined): boolean {
  return !cursor || at < cursor.at || (at === cursor.at && id < cursor.id);
}

/** The log filters on one record (the Redis LOG_SCRIPT applies the same rule). */
export function matchesLogFilters(record: ConversionRecord, query: LogQuery): boolean {
  if (query.state !== undefined && record.state !== query.state) return false;
  if (query.tool !== undefined && record.source?.tool !== query.tool) return false;
  if (query.form !== undefined && record.source?.form !== query.form) return false;
  if (query.from !== undefined && record.received_at < query.from) return false;
  if (query.to !== undefined && record.received_at > query.to) return false;
  return true;
}

/** A summary with every count at zero. */
export function emptySummary(): LogSummary {
  const carrying = {} as LogSummary['carrying'];
  for (const key of MATCH_KEYS) carrying[key] = 0;
  return { day: {}, week: {}, sent: 0, carrying };
}

/** Add one record to a summary (the Redis SUMMARY_SCRIPT applies the same rule). */
export function addToSummary(summary: LogSummary, record: ConversionRecord, dayStartMs: number): void {
  summary.week[record.state] = (summary.week[record.state] ?? 0) + 1;
  if (record.received_at >= dayStartMs) summary.day[record.state] = (summary.day[record.state] ?? 0) + 1;
  if (record.state !== 'sent') return;
  summary.sent += 1;
  const userData = record.payload?.user_data as Record<string, unknown> | undefined;
  for (const key of MATCH_KEYS) {
    const value = userData?.[key];
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) summary.carrying[key] += 1;
  }
}
