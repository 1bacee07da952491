import type { RateLimiter, RateRule, RateVerdict } from '../_store/limiter.js';
import type { Env } from './env.js';

let cached: { key: string; limiter: Promise<RateLimiter> } | undefined;

async function build(env: Env): Promise<RateLimiter> {
  if (!env.redis) return (await import('../_store/limiter-memory.js')).createMemoryLimiter();
  const [{ createUpstashLimiter }, { createUpstashClient }] = await Promise.all([import('../_store/limiter-upstash.js'), import('../_store/upstash-client.js')]);
  // Pipelined: the IP, origin and burst counts of one event leave in one request (one round trip).
  return createUpstashLimiter(await createUpstashClient(env.redis, { pipelined: true })(), env.redisPrefix);
}

/**
 * The rate limiter next to the configured store: Upstash when the store is,
 * else embedded. Its module (and @upstash/ratelimit) loads on the first hit,
 * not when a route is imported (cold start). A limiter that fails lets the
 * hit through: limits protect the relay, they must never cost a real lead.
 */
export function limiterFor(env: Env): RateLimiter {
  const key = env.redis ? `upstash|${env.redis.url}|${env.redisPrefix}` : 'memory';
  const use = async (action: (limiter: RateLimiter) => Promise<RateVerdict>): Promise<RateVerdict> => {
    if (cached?.key !== key) cached = { key, limiter: build(env) };
    try {
      return await action(await cached.limiter);
    } catch {
      return { allowed: true, retryAfterMs: 0 };
    }
  };
  return {
    hit: (rule: RateRule, id: string) => use((limiter) => limiter.hit(rule, id)),
    peek: (rule: RateRule, id: string) => use((limiter) => limiter.peek(rule, id)),
  };
}
