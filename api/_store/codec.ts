import type { CapiServerEvent, CapiUserData, ConversionRecord, PayloadContext, RawReceipt } from '../_contract/records.js';
import { MATCH_KEYS, type LogCursor, type LogQuery, type LogSummary, type ParkedDetails, type PauseState } from './store.js';

/**
 * Rules both Store implementations share, so they cannot drift apart:
 * how values are read back and which records belong in the due index.
 */

/** The recent index keeps this many newest ids; the log page never shows more. */
export const RECENT_LIMIT = 10_000;

/**
 * A record as stored JSON, its payload in the audit form, written once per payload (auditPayloadJson)
 * and so last in the text; readers parse the text, so key order carries no meaning.
 */
export function serializeRecord(record: ConversionRecord): string {
  const payload = record.payload;
  if (!payload) return JSON.stringify(record);
  // copied key by key: rest destructuring (`{ payload, ...rest }`) cost 3 µs here, this 0.3 µs
  const rest: Record<string, unknown> = {};
  for (const key in record) if (key !== 'payload') rest[key] = record[key as keyof ConversionRecord];
  // the names of the context values survive the receipt: the match-quality levers count them (summarize)
  const carried = CONTEXT_USER_KEYS.filter((key) => payload.user_data[key]);
  if (carried.length) rest.context_keys = carried;
  else delete rest.context_keys;
  return `${JSON.stringify(rest).slice(0, -1)},"payload":${auditPayloadJson(payload, record.event_source_url)}}`;
}

/**
 * The audit form's JSON, written once per payload object: the claim and the save after the send
 * both store it (~1 KB of JSON, the largest single cost of a save: scripts/bench/ingest.ts). Sound
 * because a built payload is never changed. Kept on the payload itself, under a symbol that is not
 * enumerable, so no JSON, key listing, equality or structured clone sees it, and it dies with the
 * payload. A WeakMap from payload to text did the same but kept the text reachable through the
 * young-generation collections, which promoted it as old garbage (docs/platform.md §1.14).
 */
const AUDIT_JSON = Symbol('capi-relay audit JSON');

interface AuditJsonMemo {
  page: string;
  json: string;
}

function auditPayloadJson(payload: CapiServerEvent, auditPage: string): string {
  const memo = (payload as { [AUDIT_JSON]?: AuditJsonMemo })[AUDIT_JSON];
  if (memo && memo.page === auditPage) return memo.json;
  const json = JSON.stringify(auditPayload(payload, auditPage));
  Object.defineProperty(payload, AUDIT_JSON, { value: { page: auditPage, json } satisfies AuditJsonMemo, enumerable: false, writable: true, configurable: true });
  return json;
}

/** user_data keys that are not hashed: they go with the raw receipt (PayloadContext). */
const CONTEXT_USER_KEYS = ['client_ip_address', 'client_user_agent', 'fbc', 'fbp'] as const;

/**
 * The payload as the audit record stores it (docs/consent.md §6.4): without its
 * PayloadContext, the page reduced to the record's own audit form.
 */
function auditPayload(payload: CapiServerEvent, auditPage: string): CapiServerEvent {
  const userData: Partial<CapiUserData> = {};
  for (const key in payload.user_data) {
    if (!(CONTEXT_USER_KEYS as readonly string[]).includes(key)) (userData as Record<string, unknown>)[key] = payload.user_data[key as keyof CapiUserData];
  }
  const out: Record<string, unknown> = {};
  for (const key in payload) {
    if (key === 'referrer_url') continue;
    out[key] = key === 'user_data' ? userData : key === 'event_source_url' ? auditPage : payload[key as keyof CapiServerEvent];
  }
  return out as unknown as CapiServerEvent;
}

/** The unhashed parts of a payload (store.ts: written with the raw receipt at claim). */
export function payloadContext(payload: CapiServerEvent): PayloadContext {
  const context: PayloadContext = { event_source_url: payload.event_source_url };
  if (payload.referrer_url) context.referrer_url = payload.referrer_url;
  for (const key of CONTEXT_USER_KEYS) {
    const value = payload.user_data[key];
    if (value) context[key] = value;
  }
  return context;
}

/**
 * The raw receipt as stored at claim: with the payload's context when there is
 * a payload to send. A context value the receipt already holds under the same
 * name (the pipeline's IP, user agent, fbc, fbp) is not written twice.
 */
export function rawWithContext(raw: RawReceipt, record: ConversionRecord): RawReceipt {
  const payload = record.payload;
  if (!payload) return raw;
  // payloadContext's keys, in its order, leaving out rather than deleting what the receipt holds: a
  // delete turned the context into a slow dictionary object that JSON.stringify then had to walk
  const context: PayloadContext = { event_source_url: payload.event_source_url };
  if (payload.referrer_url) context.referrer_url = payload.referrer_url;
  for (const key of CONTEXT_USER_KEYS) {
    const value = payload.user_data[key];
    if (value && value !== raw[key]) context[key] = value;
  }
  return { ...raw, payload_context: context };
}

/**
 * A stored record with its payload made whole again from the raw receipt's
 * context; unchanged when the receipt has expired (or never had one).
 */
export function withPayloadContext(record: ConversionRecord | null, raw: RawReceipt | null): ConversionRecord | null {
  if (record?.context_keys) {
    // a storage detail (serializeRecord): readers get the payload, or nothing, not the names
    record = { ...record };
    delete record.context_keys;
  }
  const context = raw?.payload_context;
  if (!record?.payload || !context) return record;
  const userData = { ...record.payload.user_data };
  for (const key of CONTEXT_USER_KEYS) {
    const value = context[key] ?? raw[key];
    if (value) userData[key] = value;
  }
  const payload: CapiServerEvent = { ...record.payload, event_source_url: context.event_source_url, user_data: userData };
  if (context.referrer_url) payload.referrer_url = context.referrer_url;
  return { ...record, payload };
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

/** Parked details (store.ts parkOrFind), or null when missing or corrupt. */
export function parseParked(json: string | null | undefined): ParkedDetails | null {
  const value = parseObject(json);
  if (!value || typeof value.id !== 'string' || !Array.isArray(value.keys) || typeof value.at !== 'number') return null;
  return value as unknown as ParkedDetails;
}

/** A stored raw receipt, or null when missing or corrupt. */
export function parseRaw(json: string | null | undefined): RawReceipt | null {
  const value = parseObject(json);
  if (!value || typeof value.event_id !== 'string' || typeof value.received_at !== 'number') return null;
  return value as unknown as RawReceipt;
}

/**
 * The record's score in the due index, or null when it must not be there:
 * only `received`, `pending` and `waiting` records (isAwaitingSend) with a
 * next_attempt_at are taken by the sweeper (store.ts).
 */
export function dueScore(record: ConversionRecord): number | null {
  const retriable = record.state === 'received' || record.state === 'pending' || record.state === 'waiting';
  return retriable && typeof record.next_attempt_at === 'number' && Number.isFinite(record.next_attempt_at)
    ? record.next_attempt_at
    : null;
}

/**
 * A record as a withdrawal leaves it (store.ts withdrawVisitor): suppressed, reason and consent
 * basis `withdrawn`, no payload (no personal data, docs/consent.md §6.3), out of the due index
 * (no next_attempt_at). The Redis WITHDRAW_SCRIPT applies the same change.
 */
export function cancelledByWithdrawal(record: ConversionRecord, nowMs: number): ConversionRecord {
  const out: ConversionRecord = { ...record, state: 'suppressed', reason: 'withdrawn', updated_at: nowMs, consent: { ...record.consent, verdict: 'suppressed', basis: 'withdrawn' } };
  delete out.payload;
  delete out.context_keys;
  delete out.next_attempt_at;
  return out;
}

/** The stored pause state, or null when missing or corrupt (a bad value must not stop sending forever). */
export function parsePause(json: string | null | undefined): PauseState | null {
  const value = parseObject(json);
  if (!value || typeof value.reason !== 'string' || typeof value.token_fingerprint !== 'string' || typeof value.since !== 'number') return null;
  return { reason: value.reason, token_fingerprint: value.token_fingerprint, since: value.since };
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
    const carried = (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) || (record.context_keys as string[] | undefined)?.includes(key);
    if (carried) summary.carrying[key] += 1;
  }
}
