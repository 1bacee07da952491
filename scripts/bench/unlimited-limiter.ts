import { createMemoryLimiter } from '../../api/_store/limiter-memory.js';
import type { RateLimiter, RateRule } from '../../api/_store/limiter.js';

/**
 * A limiter that allows everything, for runs whose thousands of events from
 * one origin and one address are load, not abuse (the soak, the benches).
 */
export const unlimitedLimiter: RateLimiter = {
  hit: async () => ({ allowed: true, retryAfterMs: 0 }),
  peek: async () => ({ allowed: true, retryAfterMs: 0 }),
};

/**
 * The embedded limiter doing its real work on every hit (keys, window counts, the
 * map), with limits raised out of reach: the ingest bench's events all come from
 * one IP and one origin, yet what a visitor waits for includes the limiter's cost.
 */
export function liftedLimiter(inner: RateLimiter = createMemoryLimiter()): RateLimiter {
  const lifted = new Map<RateRule, RateRule>();
  const lift = (rule: RateRule) => {
    let out = lifted.get(rule);
    if (!out) lifted.set(rule, (out = { ...rule, limit: Number.MAX_SAFE_INTEGER }));
    return out;
  };
  return {
    hit: (rule, key) => inner.hit(lift(rule), key),
    peek: (rule, key) => inner.peek(lift(rule), key),
  };
}
