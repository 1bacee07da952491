import { Redis as IORedis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../api/_config/env.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { createRuntime } from '../../api/_config/runtime.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { CANARY } from '../support/canaries.js';
import { REDIS_HOST, REDIS_PORT, redisAvailableOrSkip } from '../support/redis.js';
import { eventBody, eventRequest, FAST_POLICY, ORIGIN, sha } from './ingest-support.js';

const prefix = `test:${Math.random().toString(36).slice(2, 10)}:`;
let bridge: UpstashBridge | undefined;
let fake: FakeGraph | undefined;

afterAll(async () => {
  await bridge?.close();
  await fake?.close();
  const redis = new IORedis({ host: REDIS_HOST, port: REDIS_PORT, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } catch {
    /* Redis absent: nothing to clean */
  } finally {
    redis.disconnect();
  }
});

describe('ingest end to end over the Upstash store (REST bridge → real Redis)', () => {
  it('stores, sends once, and answers a replay from Redis in exactly the expected round trips', async () => {
    if (!(await redisAvailableOrSkip('ingest over Upstash'))) return;
    bridge = await startUpstashBridge();
    fake = await startFakeGraph({ accessToken: CANARY.accessToken });
    const env = loadEnv({
      ALLOWED_ORIGINS: ORIGIN,
      UPSTASH_REDIS_REST_URL: bridge.url,
      UPSTASH_REDIS_REST_TOKEN: bridge.token,
      REDIS_PREFIX: prefix,
      META_GRAPH_URL: fake.url,
      META_PIXEL_ID: fake.pixelId,
      META_ACCESS_TOKEN: CANARY.accessToken,
    });
    const runtime = await createRuntime(env, { retryPolicy: FAST_POLICY });
    expect(runtime.storeKind).toBe('upstash');

    // A first lead loads the rate limiter's scripts (EVALSHA misses once on a fresh database).
    const warmUp = await handleEvent(eventRequest(eventBody({ user: { email: 'warm.up@example.org' } })), runtime);
    expect(warmUp.status).toBe(200);
    fake.requests.length = 0;

    const body = eventBody();
    bridge.resetRequestCount();
    const res = await handleEvent(eventRequest(body), runtime);
    expect(await res.json()).toEqual({ event_id: body['event_id'], status: 'sent' });
    // the rate limits (IP, origin, burst: one pipelined request) + persist first (claim) + save after Meta answered
    expect(bridge.requestPaths).toEqual(['/pipeline', '/', '/']);
    expect(fake.requests).toHaveLength(1);

    const record = await runtime.store.get(body['event_id'] as string);
    expect(record?.state).toBe('sent');
    expect(record?.payload?.user_data.em).toEqual([sha(CANARY.emailNormalized)]);
    expect(JSON.stringify(record)).not.toContain(CANARY.accessToken);

    const replay = await handleEvent(eventRequest(body), runtime);
    expect(await replay.json()).toEqual({ event_id: body['event_id'], status: 'sent', duplicate: true });
    expect(fake.requests).toHaveLength(1);
  });
});
