import { createMemoryStore } from '../_store/memory.js';
import { createRedisStore } from '../_store/redis.js';
import type { Store } from '../_store/store.js';
import { createUpstashClient } from '../_store/upstash-client.js';
import type { Env } from './env.js';

/** Which backend `createStoreFromEnv` picks, for the startup line. */
export type StoreKind = 'upstash' | 'memory';

/** "upstash" when an Upstash REST URL + token are configured, else "memory" (embedded). */
export function describeStore(env: Env): StoreKind {
  return env.redis ? 'upstash' : 'memory';
}

let cached: { key: string; store: Store } | undefined;

/**
 * The Store the handlers use: Upstash Redis when configured, otherwise the
 * embedded memory store. The result is shared per process, so the ingest
 * route and the sweeper see the same embedded data under `npm start`, and a
 * warm serverless instance reuses one client.
 */
export function createStoreFromEnv(env: Env): Store {
  const key = env.redis ? `upstash|${env.redis.url}|${env.redis.token}|${env.redisPrefix}` : 'memory';
  if (cached?.key === key) return cached.store;
  const store = env.redis
    ? createRedisStore(createUpstashClient(env.redis), { prefix: env.redisPrefix })
    : createMemoryStore();
  cached = { key, store };
  return store;
}
