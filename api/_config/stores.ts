import { serializeServerEvent } from '../_meta/payload-json.js';
import { createMemoryStore } from '../_store/memory.js';
import { createMemoryProofStore, type ConsentProofStore } from '../_store/proof-store.js';
import { createRedisProofStore } from '../_store/proof-store-redis.js';
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
  const key = storeKey(env);
  if (cached?.key === key) return cached.store;
  const store = env.redis
    ? createRedisStore(createUpstashClient(env.redis), { prefix: env.redisPrefix, payloadJson: serializeServerEvent })
    : createMemoryStore({ payloadJson: serializeServerEvent });
  cached = { key, store };
  return store;
}

let cachedProofs: { key: string; store: ConsentProofStore } | undefined;

/**
 * The process-wide proof store: Upstash when configured, else embedded
 * memory (shared by every route of the process, like createStoreFromEnv).
 */
export function proofStoreFor(env: Env): ConsentProofStore {
  const key = storeKey(env);
  if (cachedProofs?.key === key) return cachedProofs.store;
  const store = env.redis
    ? createRedisProofStore(createUpstashClient(env.redis), { prefix: env.redisPrefix })
    : createMemoryProofStore();
  cachedProofs = { key, store };
  return store;
}

/** Replace the process-wide proof store (dev server, tests); undefined resets. */
export function setProofStore(env: Env, store: ConsentProofStore | undefined): void {
  cachedProofs = store ? { key: storeKey(env), store } : undefined;
}

/** Which configured backend a cached store belongs to. */
function storeKey(env: Env): string {
  return env.redis ? `upstash|${env.redis.url}|${env.redis.token}|${env.redisPrefix}` : 'memory';
}
