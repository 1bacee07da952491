import { describe, expect, it } from 'vitest';
import {
  BROWSER_TIME_MAX_LAG_MS,
  BROWSER_TIME_MAX_LEAD_MS,
  EVENT_AGE_SAFETY_SEC,
  MAX_EVENT_AGE_SEC,
  isSendableEventTime,
  resolveEventTime,
  type EventTime,
} from '../../../../api/_pipeline/event-time.js';

const NOW_MS = 1_795_000_000_000;
const NOW_S = 1_795_000_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const LIMIT_S = MAX_EVENT_AGE_SEC - EVENT_AGE_SAFETY_SEC;

describe('resolveEventTime', () => {
  it.each<[string, number | undefined, EventTime]>([
    ['browser ms → seconds', NOW_MS - 5_500, { seconds: NOW_S - 6 }],
    ['absent → receive time, not a fallback', undefined, { seconds: NOW_S }],
    ['2 h behind (a long page view) → browser time kept', NOW_MS - 2 * HOUR_MS, { seconds: NOW_S - 7_200 }],
    ['exactly at the lag bound → kept', NOW_MS - BROWSER_TIME_MAX_LAG_MS, { seconds: NOW_S - BROWSER_TIME_MAX_LAG_MS / 1000 }],
    ['just past the lag bound → receive time', NOW_MS - BROWSER_TIME_MAX_LAG_MS - 1_000, { seconds: NOW_S, fallback: 'browser_time_behind' }],
    ['clock 3 days behind → receive time', NOW_MS - 3 * DAY_MS, { seconds: NOW_S, fallback: 'browser_time_behind' }],
    ['clock 8 days behind (past Meta’s window) → receive time, not lost', NOW_MS - 8 * DAY_MS, { seconds: NOW_S, fallback: 'browser_time_behind' }],
    ['1 min ahead (drift) → clamped to the receive time', NOW_MS + 60_000, { seconds: NOW_S }],
    ['exactly at the lead bound → clamped', NOW_MS + BROWSER_TIME_MAX_LEAD_MS, { seconds: NOW_S }],
    ['just past the lead bound → receive time', NOW_MS + BROWSER_TIME_MAX_LEAD_MS + 1_000, { seconds: NOW_S, fallback: 'browser_time_ahead' }],
    ['clock 2 days ahead → receive time', NOW_MS + 2 * DAY_MS, { seconds: NOW_S, fallback: 'browser_time_ahead' }],
  ])('%s', (_name, browserMs, expected) => {
    expect(resolveEventTime(browserMs, NOW_MS)).toEqual(expected);
  });

  it('pins the window: a page’s life behind, a few minutes of drift ahead', () => {
    expect(BROWSER_TIME_MAX_LAG_MS).toBe(3 * HOUR_MS);
    expect(BROWSER_TIME_MAX_LEAD_MS).toBe(5 * 60_000);
  });

  it('never yields a time too old to send at receipt (why ingest has no "too old" check)', () => {
    expect(BROWSER_TIME_MAX_LAG_MS / 1000).toBeLessThan(LIMIT_S);
    for (const browserMs of [undefined, NOW_MS - BROWSER_TIME_MAX_LAG_MS, NOW_MS - 30 * DAY_MS, 1e12, NOW_MS + 365 * DAY_MS]) {
      expect(isSendableEventTime(resolveEventTime(browserMs, NOW_MS).seconds, NOW_MS)).toBe(true);
    }
  });
});

describe('isSendableEventTime', () => {
  it.each<[string, number, boolean]>([
    ['just now', NOW_S, true],
    ['exactly at the safe limit', NOW_S - LIMIT_S, true],
    ['just past the safe limit', NOW_S - LIMIT_S - 1, false],
    ['8 days old', NOW_S - 8 * 86_400, false],
  ])('%s → %s', (_name, eventTimeSec, expected) => {
    expect(isSendableEventTime(eventTimeSec, NOW_MS)).toBe(expected);
  });

  it('pins the window constants to Meta’s 7 days and a 1 h margin', () => {
    expect(MAX_EVENT_AGE_SEC).toBe(604_800);
    expect(EVENT_AGE_SAFETY_SEC).toBe(3_600);
  });
});
