/**
 * The rate-limit contract: a named rule (so many hits per window) counted
 * per key. Two implementations keep the same sliding-window rule: the
 * embedded one (limiter-memory.ts) and @upstash/ratelimit on Upstash
 * (limiter-upstash.ts), where every server instance shares the counts.
 */

/** A limit: at most `limit` hits per `windowSec`, counted separately per key. */
export interface RateRule {
  /** names the counters (and their Redis keys), e.g. "ip" */
  name: string;
  limit: number;
  windowSec: number;
}

export interface RateVerdict {
  allowed: boolean;
  /** ms until the current window ends: the Retry-After of a refusal */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Count one hit of `key` under `rule` (a refused hit is not counted). Keys carry no raw PII. */
  hit(rule: RateRule, key: string): Promise<RateVerdict>;
  /** Whether the next hit of `key` would be refused, without counting one. */
  peek(rule: RateRule, key: string): Promise<RateVerdict>;
}
