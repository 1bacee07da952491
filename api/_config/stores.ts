import { Redis } from '@upstash/redis';
import type { Env } from './env.js';
import { serializeServerEvent } from '../_meta/payload-json.js';
import { createMemoryStore } from '../_store/memory.js';
import { createRedisStore } from '../_store/redis.js';
import type { Store } from '../_store/store.js';

/** Per-request budget for one Upstash call; the ingest answer must not hang on a slow store. */
const REDIS_TIMEOUT_MS = 2_500;

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
  const store = env.redis ? createRedisStore(createUpstashClient(env.redis), { prefix: env.redisPrefix, payloadJson: serializeServerEvent })
    : createMemoryStore({ payloadJson: serializeServerEvent });
  cached = { key, store };
  return store;
}

function createUpstashClient(redis: { url: string; token: string }): Redis {
  return new Redis({
    url: redis.url,
    token: redis.token,
    // Exact strings back: stored JSON and ids must not be re-typed (platform.md §4.1).
    automaticDeserialization: false,
    enableTelemetry: false,
    // One POST per store call, so each call is exactly one round trip and runs in order.
    enableAutoPipelining: false,
    // The store retries network errors itself, safely for claim (_store/redis.ts).
    retry: { retries: 0 },
    // The function form makes an abort throw instead of returning a fake success (platform.md §4.1).
    signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
  });
}
