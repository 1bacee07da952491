import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../api/_config/env.js';
import { createStoreFromEnv, describeStore } from '../../api/_config/stores.js';
import { LONG_TTLS, makeRecord, useRealRedis } from './store-harness.js';

describe('createStoreFromEnv', () => {
  it('uses the embedded store when no Upstash URL is set, one per process', async () => {
    const env = loadEnv({});
    expect(describeStore(env)).toBe('memory');

    // The ingest route and the sweeper each call the factory; they must see the same data.
    const a = createStoreFromEnv(env);
    const b = createStoreFromEnv(loadEnv({}));
    expect(b).toBe(a);
    await a.claim({ record: makeRecord('ev-shared', Date.now()), ...LONG_TTLS });
    expect(await b.get('ev-shared')).toMatchObject({ event_id: 'ev-shared' });
  });

  it.each([
    ['UPSTASH_REDIS_REST_*', { UPSTASH_REDIS_REST_URL: 'https://db.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'tok' }],
    ['KV_REST_API_*', { KV_REST_API_URL: 'https://db.upstash.io', KV_REST_API_TOKEN: 'tok' }],
  ])('describes %s as upstash', (_label, vars) => {
    expect(describeStore(loadEnv(vars))).toBe('upstash');
  });

  describe('with Upstash configured', () => {
    const redis = useRealRedis('store from env (redis)');
    const prefix = redis.prefix();

    it('stores through Upstash under REDIS_PREFIX, one request per call', async (ctx) => {
      const { bridge, direct } = redis;
      if (!bridge || !direct) return ctx.skip();
      const env = loadEnv({ UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token, REDIS_PREFIX: prefix });
      const store = createStoreFromEnv(env);
      bridge.resetRequestCount();

      await store.claim({ record: makeRecord('ev-env', Date.now()), ...LONG_TTLS });
      expect(bridge.requestPaths).toEqual(['/']);
      expect(await direct.exists(`${prefix}rec:ev-env`)).toBe(1);
      expect(createStoreFromEnv(env)).toBe(store);
    });
  });
});
