import { createMemoryProofStore, type ConsentProofStore } from '../_store/proof-store.js';
import { createRedisProofStore } from '../_store/proof-store-redis.js';
import { createUpstashClient } from '../_store/upstash-client.js';
import type { Env } from './env.js';

let cachedStore: { key: string; store: ConsentProofStore } | undefined;

/**
 * The process-wide proof store: Upstash when configured, else embedded
 * memory (shared by every route of the process, like createStoreFromEnv).
 */
export function proofStoreFor(env: Env): ConsentProofStore {
  const key = env.redis ? `upstash|${env.redis.url}|${env.redis.token}|${env.redisPrefix}` : 'memory';
  if (cachedStore?.key === key) return cachedStore.store;
  const store = env.redis
    ? createRedisProofStore(createUpstashClient(env.redis), { prefix: env.redisPrefix })
    : createMemoryProofStore();
  cachedStore = { key, store };
  return store;
}

/** Replace the process-wide proof store (dev server, tests); undefined resets. */
export function setProofStore(env: Env, store: ConsentProofStore | undefined): void {
  cachedStore = store ? { key: env.redis ? `upstash|${env.redis.url}|${env.redis.token}|${env.redisPrefix}` : 'memory', store } : undefined;
}
