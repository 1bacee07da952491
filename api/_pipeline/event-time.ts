import type { EventTimeFallback } from '../_contract/records.js';

/** Meta rejects the whole request when an event is older than 7 days (docs/meta-capi.md §2, §0.1). */
export const MAX_EVENT_AGE_SEC = 7 * 24 * 3600;
/** Margin under Meta's 7 days for queueing, clock skew and the trip to Meta. */
export const EVENT_AGE_SAFETY_SEC = 3600;

/**
 * How long before its receipt the browser's event_time is believed: a page's
 * life. The widget stamps a conversion when it is confirmed and posts it at
 * once, or, in an opt-in region, when the visitor answers the banner on that
 * same page (README "Consent"): seconds, at most a long-open tab. A clock set
 * for the wrong time zone is whole hours off, one on the wrong day is days
 * off; believing it would send a wrong time, or lose the lead as older than
 * Meta's 7 days.
 */
export const BROWSER_TIME_MAX_LAG_MS = 3 * 3600_000;
/**
 * How far past its receipt the browser's event_time counts as ordinary clock
 * drift. Meta takes no future times (docs/meta-capi.md §12: tolerance unknown), so
 * such a time is clamped to the receipt either way; past this, the clock is
 * wrong and the fallback is recorded.
 */
export const BROWSER_TIME_MAX_LEAD_MS = 5 * 60_000;

/** The time an event is sent with, and why it is not the browser's when it is not. */
export interface EventTime {
  /** Unix seconds (docs/meta-capi.md §0.1) */
  seconds: number;
  /** set when the browser sent a time outside the window above: `seconds` is then the receive time */
  fallback?: EventTimeFallback;
}

/**
 * The event's time from the browser's event_time (ms) and the server's
 * receive time (ms). The browser's time is kept within the window above;
 * outside it, or when absent, the receive time is used, so a visitor's wrong
 * clock never costs the lead. The result is never more than
 * BROWSER_TIME_MAX_LAG_MS before the receipt, so no event is too old for Meta
 * when received; the sweeper re-checks isSendableEventTime when it sends later.
 */
export function resolveEventTime(browserMs: number | undefined, receivedMs: number): EventTime {
  const receivedSec = Math.floor(receivedMs / 1000);
  if (browserMs === undefined) return { seconds: receivedSec };
  if (browserMs < receivedMs - BROWSER_TIME_MAX_LAG_MS) return { seconds: receivedSec, fallback: 'browser_time_behind' };
  if (browserMs > receivedMs + BROWSER_TIME_MAX_LEAD_MS) return { seconds: receivedSec, fallback: 'browser_time_ahead' };
  return { seconds: Math.min(Math.floor(browserMs / 1000), receivedSec) };
}

/** True while `eventTimeSec` is still inside Meta's window minus the safety margin at `nowMs`. */
export function isSendableEventTime(eventTimeSec: number, nowMs: number): boolean {
  return Math.floor(nowMs / 1000) - eventTimeSec <= MAX_EVENT_AGE_SEC - EVENT_AGE_SAFETY_SEC;
}
