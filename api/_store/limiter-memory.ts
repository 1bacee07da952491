import type { RateLimiter, RateRule, RateVerdict } from './limiter.js';

/**
 * The embedded store's rate limiter, the same rule @upstash/ratelimit's
 * slidingWindow runs in Redis: fixed windows aligned on the clock, the
 * previous window's count weighted by how much of it still overlaps, a hit
 * refused once previous-weighted + current reaches the limit. Counters older
 * than two windows are dropped as they are met, and all of them once the map
 * grows past `maxKeys`, so a flood of distinct keys cannot grow it for ever.
 */
export function createMemoryLimiter(now: () => number = Date.now, maxKeys = 50_000): RateLimiter {
  /** `${rule}|${key}|${window index}` → hits */
  const counts = new Map<string, number>();

  function check(rule: RateRule, key: string, count: boolean): RateVerdict {
    const at = now();
    const windowMs = rule.windowSec * 1000;
    const index = Math.floor(at / windowMs);
    const current = `${rule.name}|${key}|${index}`;
    const previous = `${rule.name}|${key}|${index - 1}`;
    counts.delete(`${rule.name}|${key}|${index - 2}`);
    if (counts.size > maxKeys) counts.clear();
    const inCurrent = counts.get(current) ?? 0;
    const inPrevious = Math.floor((1 - (at % windowMs) / windowMs) * (counts.get(previous) ?? 0));
    const retryAfterMs = (index + 1) * windowMs - at;
    if (inPrevious + inCurrent >= rule.limit) return { allowed: false, retryAfterMs };
    if (count) counts.set(current, inCurrent + 1);
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
