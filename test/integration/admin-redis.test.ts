import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime, type Runtime } from '../../api/_config/runtime.js';
import { handleAdminErase } from '../../api/_http/handlers/admin-erase.js';
import { handleAdminLog } from '../../api/_http/handlers/admin-log.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { createMemoryLimiter } from '../../api/_store/limiter-memory.js';
import { createUpstashLimiter } from '../../api/_store/limiter-upstash.js';
import { createRedisStore } from '../../api/_store/redis.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, ORIGIN } from './ingest-support.js';
import { LONG_TTLS, makeRecord, upstashClient, useRealRedis } from './store-harness.js';

// Issue 12 Tests: search by email against real Redis stores no raw email (only the hash keys the
// claim wrote), and erasure through the API leaves every other person's keys as they were.

const redis = useRealRedis('admin over Redis');
const prefix = redis.prefix();

async function runtime(): Promise<Runtime> {
  const store = createRedisStore(upstashClient(redis.bridge!), { prefix });
  return createRuntime(loadEnv({ ALLOWED_ORIGINS: ORIGIN, ADMIN_TOKEN: CANARY.adminToken }), { store, limiter: createMemoryLimiter(), log: () => {}, dryRunWrite: () => {} });
}

const admin = (path: string, init: RequestInit = {}) =>
  new Request(`https://t.example.com${path}`, { ...init, headers: { authorization: `Bearer ${CANARY.adminToken}`, 'content-type': 'application/json' } });

/** Every key and value under the test prefix. */
async function dump(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await redis.direct!.keys(`${prefix}*`)) {
    const type = await redis.direct!.type(key);
    const value = type === 'string' ? await redis.direct!.get(key) : type === 'set' ? (await redis.direct!.smembers(key)).join(',') : type === 'zset' ? (await redis.direct!.zrange(key, '0', '-1')).join(',') : '';
    out.set(key, value ?? '');
  }
  return out;
}

const holds = (entries: Map<string, string>, value: string) => [...entries].filter(([k, v]) => `${k} ${v}`.toLowerCase().includes(value.toLowerCase())).map(([k]) => k);

describe('admin API over real Redis (Upstash bridge)', () => {
  it('search by email finds the event; no key or value but the raw receipt ever holds the email, and none once it is gone', async (ctx) => {
    if (!redis.bridge) return ctx.skip();
    const rt = await runtime();
    const body = eventBody();
    const id = body['event_id'] as string;
    await handleEvent(eventRequest(body), rt);

    const search = async () =>
      ((await (await handleAdminLog(admin('/api/admin/log', { method: 'POST', body: JSON.stringify({ email: CANARY.email }) }), rt)).json()) as { events: { event_id: string }[] }).events.map((e) => e.event_id);
    expect(await search()).toEqual([id]);
    expect(holds(await dump(), CANARY.emailNormalized)).toEqual([`${prefix}raw:${id}`]);

    await redis.direct!.del(`${prefix}raw:${id}`); // what DATA_RETENTION_DAYS does
    expect(await search()).toEqual([id]);
    const after = await dump();
    expect(holds(after, CANARY.emailNormalized)).toEqual([]);
    expect(holds(after, CANARY.email)).toEqual([]);
    expect([...after.keys()].filter((k) => k.includes(':ix:em:'))).toHaveLength(1);
  });

  it('erase through the API removes every key of that person and nothing of anyone else', async (ctx) => {
    if (!redis.bridge) return ctx.skip();
    const rt = await runtime();
    const other = eventBody({ user: { email: 'someone.else@example.org', phone: '+44 20 7946 0018' } });
    await handleEvent(eventRequest(other), rt);
    const mine = eventBody({ source: { tool: 'webflow', form: 'other-form' } });
    await handleEvent(eventRequest(mine), rt);
    const before = await dump();

    const res = await handleAdminErase(admin('/api/admin/erase', { method: 'POST', body: JSON.stringify({ phone: CANARY.phone }) }), rt);
    expect(res.status).toBe(200);
    const after = await dump();
    for (const id of [mine['event_id'], (await rt.store.listLog({ limit: 100 })).records.find((r) => r.event_id !== other['event_id'])?.event_id]) {
      if (!id) continue;
      expect(after.has(`${prefix}rec:${id}`)).toBe(false);
      expect(after.has(`${prefix}raw:${id}`)).toBe(false);
    }
    expect(holds(after, CANARY.emailNormalized)).toEqual([]);
    // the other person's keys are all still there with the same values
    const otherId = other['event_id'] as string;
    for (const [key, value] of before) {
      if (key.includes(otherId)) expect(after.get(key)).toBe(value);
    }
    expect(after.has(`${prefix}rec:${otherId}`)).toBe(true);
    expect(after.has(`${prefix}raw:${otherId}`)).toBe(true);
    expect((await rt.store.listLog({ limit: 10, identity: undefined })).records.map((r) => r.event_id)).toEqual([otherId]);
  });

  it('answers a page of 50 in at most 2 Redis round trips, the admin-auth check included (budget)', async (ctx) => {
    if (!redis.bridge) return ctx.skip();
    const roundTripPrefix = redis.prefix();
    const store = createRedisStore(upstashClient(redis.bridge), { prefix: roundTripPrefix });
    const rt = await createRuntime(loadEnv({ ALLOWED_ORIGINS: ORIGIN, ADMIN_TOKEN: CANARY.adminToken }), {
      store,
      limiter: createUpstashLimiter(upstashClient(redis.bridge), roundTripPrefix),
      log: () => {},
    });
    const t = Date.now();
    for (let i = 0; i < 60; i += 1) await store.claim({ record: makeRecord(`ev-rt-${String(i).padStart(2, '0')}`, t - i), ...LONG_TTLS });
    await handleAdminLog(admin('/api/admin/log'), rt); // loads the limiter's script once, as on a fresh database
    redis.bridge.resetRequestCount();
    const res = await handleAdminLog(admin('/api/admin/log?limit=50'), rt);
    const body = (await res.json()) as { events: unknown[]; next_cursor: string | null };
    expect(body.events).toHaveLength(50);
    expect(body.next_cursor).not.toBeNull();
    expect(redis.bridge.requestCount).toBeLessThanOrEqual(2);
  });
});
