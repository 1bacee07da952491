import { Redis } from '@upstash/redis';
import type { ConsentEndpointDeps } from '../_http/handlers/consent.js';
import { consentSaltFor } from '../_pipeline/consent/proof.js';
import { createMemoryProofStore, type ConsentProofStore } from '../_store/proof-store.js';
import { createRedisProofStore } from '../_store/proof-store-redis.js';
import type { Env } from './env.js';
import type { Runtime } from './runtime.js';

// Same budget as the pipeline store: a consent call must not hang on a slow Redis.
const REDIS_TIMEOUT_MS = 2_500;

let cachedStore: { key: string; store: ConsentProofStore } | undefined;

/**
 * The process-wide proof store: Upstash when configured, else embedded
 * memory (shared by every route of the process, like createStoreFromEnv).
 */
export function proofStoreFor(env: Env): ConsentProofStore {
  const key = env.redis ? `upstash|${env.redis.url}|${env.redis.token}|${env.redisPrefix}` : 'memory';
  if (cachedStore?.key === key) return cachedStore.store;
  const store = env.redis
    ? createRedisProofStore(
        new Redis({
          url: env.redis.url,
          token: env.redis.token,
          automaticDeserialization: false,
          enableTelemetry: false,
          enableAutoPipelining: false,
          // One try: a consent call must answer fast; the widget re-posts on its next answer.
          retry: { retries: 0 },
          signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
        }),
        { prefix: env.redisPrefix },
      )
    : createMemoryProofStore();
  cachedStore = { key, store };
  return store;
}

/** Replace the process-wide proof store (dev server, tests); undefined resets. */
export function setProofStore(env: Env, store: ConsentProofStore | undefined): void {
  cachedStore = store ? { key: env.redis ? `upstash|${env.redis.url}|${env.redis.token}|${env.redisPrefix}` : 'memory', store } : undefined;
}

const depsByRuntime = new WeakMap<Runtime, ConsentEndpointDeps>();

/** POST /api/consent dependencies for a runtime, built once per runtime. */
export function consentDepsFor(runtime: Runtime): ConsentEndpointDeps {
  let deps = depsByRuntime.get(runtime);
  if (!deps) {
    deps = { store: runtime.store, proofs: proofStoreFor(runtime.env), cors: runtime.cors, salt: consentSaltFor(runtime.env), now: runtime.now };
    depsByRuntime.set(runtime, deps);
  }
  return deps;
}
