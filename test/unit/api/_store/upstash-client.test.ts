import { beforeEach, describe, expect, it, vi } from 'vitest';

// Counts the clients made, and what they were asked, without a network.
const made = vi.hoisted(() => ({ clients: 0, gets: [] as string[] }));
vi.mock('@upstash/redis', () => ({
  Redis: class {
    constructor() {
      made.clients += 1;
    }
    async get(key: string) {
      made.gets.push(key);
      return null;
    }
    // Store.get reads the record and its raw receipt together (codec.ts withPayloadContext)
    async mget(...keys: string[]) {
      made.gets.push(...keys);
      return keys.map(() => null);
    }
  },
}));

const { createUpstashClient } = await import('../../../../api/_store/upstash-client.js');
const { createRedisStore } = await import('../../../../api/_store/redis.js');
const { createRedisProofStore } = await import('../../../../api/_store/proof-store-redis.js');
const { StoreError } = await import('../../../../api/_store/error.js');

const config = { url: 'https://upstash.example.test', token: 'upstash-test-token' };

describe('the Upstash client, made on first use', () => {
  beforeEach(() => {
    made.clients = 0;
    made.gets = [];
  });

  it('is not made when a store is built, only when the store is first called, and then once', async () => {
    const client = createUpstashClient(config);
    const store = createRedisStore(client, { prefix: 't:' });
    createRedisProofStore(client, { prefix: 't:' });
    expect(made.clients).toBe(0);
    await Promise.all([store.get('a'), store.get('b')]);
    await store.get('c');
    expect(made.clients).toBe(1);
    expect(made.gets).toEqual(['t:rec:a', 't:raw:a', 't:rec:b', 't:raw:b', 't:rec:c', 't:raw:c']);
  });

  it('a client that cannot be made fails the call as unavailable, and the next call tries again', async () => {
    let tries = 0;
    const failing = () => {
      tries += 1;
      return Promise.reject(new Error('module failed to load'));
    };
    const store = createRedisStore(failing, { prefix: 't:', retries: 0 });
    const error = await store.get('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ operation: 'get', failure: 'unavailable' });
    await store.get('a').catch(() => undefined);
    expect(tries).toBe(2);
  });
});
