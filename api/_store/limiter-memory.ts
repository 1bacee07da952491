import type { RateLimiter, RateRule, RateVerdict } from './limiter.js';

/** One key's hits under one rule: in the window `index` and in the one before it. */
interface Counter {
  index: number;
  current: number;
  previous: number;
}

/**
 * The embedded store's rate limiter, the same rule @upstash/ratelimit's
 * slidingWindow runs in Redis: fixed windows aligned on the clock, the
 * previous window's count weighted by how much of it still overlaps, a hit
 * refused once previous-weighted + current reaches the limit. Each key under
 * a rule has one counter holding its current and previous window, moved on
 * when a later window is met (so counts older than two windows are gone), and
 * all counters are dropped once the map grows past `maxKeys`, so a flood of
 * distinct keys cannot grow it for ever. One counter rather than one entry
 * per window: three string keys and four map operations per hit were 2.2% of
 * the ingest path's CPU (scripts/bench/ingest.ts), and every event makes three hits.
 */
export function createMemoryLimiter(now: () => number = Date.now, maxKeys = 50_000): RateLimiter {
  /**
   * rule name → key → its counter. One map per rule rather than `${rule}|${key}` strings: the key
   * is used as it comes (no string built, copied and hashed per hit), and the map keeps no joined
   * copy of it, one per lead for the burst rule's keys (scripts/bench/ingest.ts).
   */
  const counters = new Map<string, Map<string, Counter>>();
  /** counters across all rules */
  let size = 0;

  function check(rule: RateRule, key: string, count: boolean): RateVerdict {
    const at = now();
    const windowMs = rule.windowSec * 1000;
    const index = Math.floor(at / windowMs);
    if (size > maxKeys) {
      counters.clear();
      size = 0;
    }
    let byKey = counters.get(rule.name);
    if (!byKey) counters.set(rule.name, (byKey = new Map()));
    const counter = byKey.get(key);
    if (counter && index > counter.index) {
      // the window moved on: its count becomes the previous one, unless more than one window passed
      counter.previous = index === counter.index + 1 ? counter.current : 0;
      counter.current = 0;
      counter.index = index;
    }
    // a counter ahead of this clock (it went back) counts nothing here, as a window with no entry did
    const same = counter !== undefined && counter.index === index;
    const inCurrent = same ? counter.current : 0;
    const inPrevious = same ? Math.floor((1 - (at % windowMs) / windowMs) * counter.previous) : 0;
    const retryAfterMs = (index + 1) * windowMs - at;
    if (inPrevious + inCurrent >= rule.limit) return { allowed: false, retryAfterMs };
    if (count) {
      if (same) counter.current += 1;
      else if (!counter) {
        byKey.set(key, { index, current: 1, previous: 0 });
        size += 1;
      }
    }
    return { allowed: true, retryAfterMs };
  }

  return {
    async hit(rule: RateRule, key: string): Promise<RateVerdict> {
      return check(rule, key, true);
    },
    async peek(rule: RateRule, key: string): Promise<RateVerdict> {
      return check(rule, key, false);
    },
  };
}
