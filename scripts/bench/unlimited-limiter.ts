import type { RateLimiter } from '../../api/_store/limiter.js';

/**
 * A limiter that allows everything, for runs whose thousands of events from
 * one origin and one address are load, not abuse (the soak, the benches).
 */
export const unlimitedLimiter: RateLimiter = {
  hit: async () => ({ allowed: true, retryAfterMs: 0 }),
  peek: async () => ({ allowed: true, retryAfterMs: 0 }),
};
