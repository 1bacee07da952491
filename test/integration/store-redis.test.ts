import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Redis as IORedis } from 'ioredis';
import { StoreError } from '../../api/_store/error.js';
import { createRedisStore } from '../../api/_store/redis.js';
import type { Store } from '../../api/_store/store.js';
import { CANARY } from '../support/canaries.js';
import { redisAvailableOrSkip } from '../support/redis.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { deletePrefix, LONG_TTLS, makeRaw, makeRecord, openRedis, testPrefix, upstashClient } from './store-harness.js';

let bridge: UpstashBridge | undefined;
let direct: IORedis | undefined;

beforeAll(async () => {
  if (!(await redisAvailableOrSkip('store (redis specifics)'))) return;
  bridge = await startUpstashBridge();
  direct = openRedis();
});

afterAll(async () => {
  await bridge?.close();
  await direct?.quit();
});

describe('Redis store over the Upstash REST bridge', () => {
  let prefix: string;
  let store: Store;

  beforeEach((ctx) => {
    if (!bridge) return ctx.skip();
    prefix = testPrefix();
    store = createRedisStore(upstashClient(bridge), { prefix, retryDelayMs: () => 10 });
    bridge.resetRequestCount();
  });

  afterEach(async () => {
    if (direct) await deletePrefix(direct, prefix);
  });

  it('spends exactly two HTTP round trips on the happy path (claim, then save)', async () => {
    const record = makeRecord('ev-trips', Date.now());
    await store.claim({ record, raw: makeRaw('ev-trips', Date.now(), CANARY.email), dedupKey: 'dk-trips', ...LONG_TTLS });
    await store.save({ ...record, state: 'sent', next_attempt_at: undefined });

    expect(bridge!.requestPaths).toEqual(['/', '/']);
    expect(await direct!.zscore(`${prefix}due`, 'ev-trips')).toBeNull();
  });

  it('still spends exactly two round trips when the event carries a visitor (marker check + link ride in the claim)', async () => {
    const record = makeRecord('ev-trips-v', Date.now());
    const visitor = 'd'.repeat(64);
    expect(await store.claim({ record, raw: makeRaw('ev-trips-v', Date.now(), CANARY.email), dedupKey: 'dk-trips-v', visitor, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    await store.save({ ...record, state: 'sent', next_attempt_at: undefined });

    expect(bridge!.requestPaths).toEqual(['/', '/']);
    expect(await direct!.smembers(`${prefix}ve:${visitor}`)).toEqual(['ev-trips-v']);
  });

  it('reads the pause in the claim (no extra round trip) and keeps it under <prefix>pause without the token', async () => {
    const pause = { reason: 'meta_error_190_463', token_fingerprint: '0123456789abcdef', since: Date.now() };
    await store.setPause(pause);
    expect(await direct!.get(`${prefix}pause`)).toBe(JSON.stringify(pause));
    bridge!.resetRequestCount();
    const record = makeRecord('ev-paused', Date.now(), { next_attempt_at: Date.now() + 60_000 });
    expect(await store.claim({ record, raw: makeRaw('ev-paused', Date.now(), CANARY.email), dedupKey: 'dk-paused', visitor: 'e'.repeat(64), ...LONG_TTLS })).toEqual({ kind: 'claimed', paused: pause });
    await store.save({ ...record, state: 'pending', reason: 'sending_paused' });
    expect(bridge!.requestPaths).toEqual(['/', '/']);
    await store.clearPause();
    expect(await direct!.exists(`${prefix}pause`)).toBe(0);
  });

  it('claimDue takes a whole slice in one round trip; the sweep costs a save per event on top', async () => {
    const t = Date.now();
    for (let i = 0; i < 40; i += 1) await store.claim({ record: makeRecord(`ev-due-${i}`, t, { state: 'pending', next_attempt_at: t - 1_000 }), ...LONG_TTLS });
    bridge!.resetRequestCount();
    const batch = await store.claimDue(t, 40, 300_000);
    expect(batch.events).toHaveLength(40);
    expect(bridge!.requestCount).toBe(1);
    // the lease is the due score, visible to any other sweep
    expect(Number(await direct!.zscore(`${prefix}due`, 'ev-due-0'))).toBe(t + 300_000);
    for (const { record } of batch.events) await store.save({ ...record, state: 'sent', next_attempt_at: undefined });
    expect(bridge!.requestCount).toBe(41);
    expect(await direct!.zcard(`${prefix}due`)).toBe(0);
  });

  it('keeps the visitor keys under their documented names and TTLs; withdraw (raw receipts included) and clear are one round trip each', async () => {
    const visitor = 'e'.repeat(64);
    await store.claim({ record: makeRecord('ev-link', Date.now()), raw: makeRaw('ev-link', Date.now(), CANARY.email), visitor, ...LONG_TTLS });
    expect(await direct!.exists(`${prefix}raw:ev-link`)).toBe(1);
    expect(await direct!.ttl(`${prefix}ve:${visitor}`)).toBeGreaterThan(LONG_TTLS.rawTtlSec - 5);
    expect(await direct!.exists(`${prefix}cw:${visitor}`)).toBe(0);

    bridge!.resetRequestCount();
    expect(await store.withdrawVisitor({ visitor, ttlSec: 1234, unseenTtlSec: 60, nowMs: Date.now() })).toEqual({ cancelled: ['ev-link'], final: [] });
    expect(bridge!.requestCount).toBe(1);
    expect(await direct!.ttl(`${prefix}cw:${visitor}`)).toBeGreaterThan(1200);
    expect(await direct!.exists(`${prefix}raw:ev-link`)).toBe(0);

    bridge!.resetRequestCount();
    await store.clearWithdrawal(visitor);
    expect(bridge!.requestCount).toBe(1);
    expect(await direct!.exists(`${prefix}cw:${visitor}`)).toBe(0);
  });

  it('writes the documented keys with their TTLs', async () => {
    const t = Date.now();
    await store.claim({ record: makeRecord('ev-keys', t), raw: makeRaw('ev-keys', t, CANARY.email), dedupKey: 'dk-keys', ...LONG_TTLS });

    const keys = (await direct!.keys(`${prefix}*`)).map((k) => k.slice(prefix.length)).sort();
    expect(keys).toEqual(['dk:dk-keys', 'due', 'raw:ev-keys', 'rec:ev-keys', 'recent']);
    expect(await direct!.get(`${prefix}dk:dk-keys`)).toBe('ev-keys');
    expect(await direct!.ttl(`${prefix}rec:ev-keys`)).toBeGreaterThan(LONG_TTLS.recordTtlSec - 5);
    expect(await direct!.ttl(`${prefix}raw:ev-keys`)).toBeGreaterThan(LONG_TTLS.rawTtlSec - 5);
    expect(await direct!.ttl(`${prefix}dk:dk-keys`)).toBeGreaterThan(LONG_TTLS.dedupTtlSec - 5);
    expect(Number(await direct!.zscore(`${prefix}recent`, 'ev-keys'))).toBe(t);
    expect(Number(await direct!.zscore(`${prefix}due`, 'ev-keys'))).toBe(t + 60_000);
  });

  it('treats a retried claim whose first answer was lost as claimed, not as its own duplicate', async () => {
    const record = makeRecord('ev-lost', Date.now());
    bridge!.dropResponses(1);

    expect(await store.claim({ record, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    expect(bridge!.requestCount).toBe(2);
    expect(await store.get('ev-lost')).toEqual(record);
  });

  it.each([
    ['not JSON', 'not json {'],
    ['a JSON string', '"ev-corrupt"'],
    ['a JSON array', '[1,2]'],
    ['an object without the record fields', '{"event_id":"ev-corrupt"}'],
  ])('treats a stored record that is %s as absent', async (_label, value) => {
    await direct!.set(`${prefix}rec:ev-corrupt`, value);
    await direct!.set(`${prefix}raw:ev-corrupt`, value);
    expect(await store.get('ev-corrupt')).toBeNull();
    expect(await store.getRaw('ev-corrupt')).toBeNull();

    const record = makeRecord('ev-corrupt', Date.now());
    expect(await store.claim({ record, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    expect(await store.get('ev-corrupt')).toEqual(record);
  });

  it('claims past a dedup key whose first record is gone', async () => {
    await direct!.set(`${prefix}dk:dk-orphan`, 'ev-expired', 'EX', 600);
    const record = makeRecord('ev-after', Date.now());
    expect(await store.claim({ record, dedupKey: 'dk-orphan', ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    expect(await direct!.get(`${prefix}dk:dk-orphan`)).toBe('ev-after');
  });
});

describe('Redis store errors carry no stored value', () => {
  const claimWithCanary = (store: Store) =>
    store
      .claim({
        record: makeRecord('ev-err', Date.now()),
        raw: makeRaw('ev-err', Date.now(), CANARY.email),
        dedupKey: 'dk-err',
        ...LONG_TTLS,
      })
      .then(
        () => null,
        (error: unknown) => error,
      );

  function expectRedacted(error: unknown, failure: string): void {
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ name: 'StoreError', operation: 'claim', failure });
    // inspect() renders the message, the stack and the whole cause chain, as a logger would.
    const rendered = inspect(error, { depth: 5 });
    for (const secret of [CANARY.email, 'ev-err', 'dk-err', 'rec:']) expect(rendered).not.toContain(secret);
  }

  it('redacts an answered error (wrong token)', async (ctx) => {
    if (!bridge) return ctx.skip();
    const store = createRedisStore(upstashClient(bridge, 'wrong-token'), { prefix: testPrefix(), retryDelayMs: () => 10 });
    bridge.resetRequestCount();

    const error = await claimWithCanary(store);
    expectRedacted(error, 'rejected');
    expect(inspect(error)).toContain('Unauthorized');
    expect(bridge.requestCount).toBe(1); // an answer is never retried
  });

  it('redacts a network error (bridge gone) after its one retry', async (ctx) => {
    if (!bridge) return ctx.skip();
    const gone = await startUpstashBridge();
    await gone.close();
    const store = createRedisStore(upstashClient(gone), { prefix: testPrefix(), retryDelayMs: () => 10 });

    expectRedacted(await claimWithCanary(store), 'unavailable');
  });
});
