import { describe, expect, it } from 'vitest';
import type { ConsentProof } from '../../../../api/_contract/records.js';
import { createMemoryProofStore, MAX_PROOFS_PER_VISITOR, type ConsentProofStore } from '../../../../api/_store/proof-store.js';
import { createRedisProofStore } from '../../../../api/_store/proof-store-redis.js';
import { upstashClient, useRealRedis } from '../../../integration/store-harness.js';

const redis = useRealRedis('consent proof store (redis)');

const proof = (visitor: string, n: number, decision: 'granted' | 'denied' = 'granted'): ConsentProof => ({
  visitor, decision, source: 'banner', revision: '1', received_at: 1_767_000_000_000 + n, gpc: false,
});

const backends: { name: string; open(): ConsentProofStore | null }[] = [
  { name: 'memory', open: () => createMemoryProofStore() },
  {
    name: 'redis via the Upstash REST bridge',
    open: () => {
      if (!redis.bridge) return null;
      return createRedisProofStore(upstashClient(redis.bridge), { prefix: redis.prefix() });
    },
  },
];

describe.each(backends)('ConsentProofStore contract: $name', ({ open }) => {
  it('keeps proofs per visitor, newest first', async (ctx) => {
    const store = open();
    if (!store) return ctx.skip();
    await store.addProof(proof('v1', 1), 60);
    await store.addProof(proof('v1', 2, 'denied'), 60);
    await store.addProof(proof('v2', 3), 60);
    expect(await store.listProofs('v1')).toEqual([proof('v1', 2, 'denied'), proof('v1', 1)]);
    expect(await store.listProofs('nobody')).toEqual([]);
  });

  it(`trims to the latest ${MAX_PROOFS_PER_VISITOR}`, async (ctx) => {
    const store = open();
    if (!store) return ctx.skip();
    for (let n = 0; n < MAX_PROOFS_PER_VISITOR + 3; n += 1) await store.addProof(proof('v', n), 60);
    const list = await store.listProofs('v');
    expect(list).toHaveLength(MAX_PROOFS_PER_VISITOR);
    expect(list[0]?.received_at).toBe(proof('v', MAX_PROOFS_PER_VISITOR + 2).received_at);
  });
});

describe('expiry', () => {
  it('memory: proofs expire with their TTL', async () => {
    let now = 0;
    const store = createMemoryProofStore({ now: () => now });
    await store.addProof(proof('v', 1), 10);
    now = 9_999;
    expect(await store.listProofs('v')).toHaveLength(1);
    now = 10_000;
    expect(await store.listProofs('v')).toEqual([]);
  });

  it('redis: the TTL is set on the proof list', async (ctx) => {
    const { bridge, direct } = redis;
    if (!bridge || !direct) return ctx.skip();
    const prefix = redis.prefix();
    const store = createRedisProofStore(upstashClient(bridge), { prefix });
    await store.addProof(proof('v', 1), 1234);
    expect(await direct.ttl(`${prefix}cp:v`)).toBeGreaterThan(1200);
  });
});
