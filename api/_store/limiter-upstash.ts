import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import type { RateLimiter, RateRule, RateVerdict } from './limiter.js';

/**
 * Rate limits on Upstash with @upstash/ratelimit's sliding window (docs/platform.md §4.4): every
 * server instance counts in the same Redis keys (<prefix>rl:<rule>:<key>),
 * so a limit holds across instances. One Ratelimit per rule, kept for the
 * process. Its in-process cache of blocked keys answers a known-blocked key
 * without a round trip. When Redis does not answer within `timeoutMs` the
 * hit is let through: a slow store must not turn real leads away.
 */
export function createUpstashLimiter(redis: Redis, prefix: string, timeoutMs = 1_000): RateLimiter {
  const byRule = new Map<string, Ratelimit>();

  function limiterFor(rule: RateRule): Ratelimit {
    const name = `${rule.name}|${rule.limit}|${rule.windowSec}`;
    let limiter = byRule.get(name);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSec} s`),
        prefix: `${prefix}rl:${rule.name}`,
        analytics: false,
        timeout: timeoutMs,
      });
      byRule.set(name, limiter);
    }
    return limiter;
  }

  return {
    async hit(rule: RateRule, key: string): Promise<RateVerdict> {
      const result = await limiterFor(rule).limit(key);
      return { allowed: result.success, retryAfterMs: Math.max(0, result.reset - Date.now()) };
    },
    async peek(rule: RateRule, key: string): Promise<RateVerdict> {
      const { remaining, reset } = await limiterFor(rule).getRemaining(key);
      return { allowed: remaining > 0, retryAfterMs: Math.max(0, reset - Date.now()) };
    },
  };
}
