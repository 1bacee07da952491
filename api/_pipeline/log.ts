import { pageUrlParts } from './page-url.js';
import type { EventState } from '../_contract/wire.js';

/**
 * One structured line per event. Deliberately narrow: ids, states, counts and
 * timings only — never raw or hashed PII, tokens, IPs, user agents, or URLs
 * with their query string.
 */
export interface EventLogEntry {
  event_id: string;
  state: EventState | 'rejected';
  reason?: string;
  attempts: number;
  duration_ms: number;
  duplicate?: boolean;
  /** last Meta error code, when there was one */
  meta_code?: number;
  /** page path without query or fragment */
  page?: string;
}

export type EventLogger = (entry: EventLogEntry) => void;

/** The marker every event line starts with. */
export const EVENT_LOG_MARKER = '[capi-relay] event';

/** Render an entry as one line: marker + JSON. Only the known fields are copied. */
export function formatEventLog(entry: EventLogEntry): string {
  // Field by field rather than with spreads: one line per event, in this key order.
  const safe = { event_id: entry.event_id, state: entry.state } as EventLogEntry;
  if (entry.reason) safe.reason = entry.reason;
  safe.attempts = entry.attempts;
  safe.duration_ms = Math.round(entry.duration_ms);
  if (entry.duplicate) safe.duplicate = true;
  if (entry.meta_code !== undefined) safe.meta_code = entry.meta_code;
  if (entry.page) safe.page = pagePath(entry.page);
  return `${EVENT_LOG_MARKER} ${JSON.stringify(safe)}`;
}

/** A logger writing formatted lines; `write` defaults to console.log. */
export function createEventLogger(write: (line: string) => void = (line) => console.log(line)): EventLogger {
  return (entry) => write(formatEventLog(entry));
}

/**
 * host + path of a URL, without query or fragment (they carry click ids and sometimes emails).
 * '' for no page at all: a details half whose browser half never came has none (join/unmatched.ts).
 */
export function pagePath(url: string): string {
  if (url === '') return '';
  const u = pageUrlParts(url);
  return u ? `${u.host}${u.pathname}` : '(invalid url)';
}
