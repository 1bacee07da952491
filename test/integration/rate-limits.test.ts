import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis as IORedis } from 'ioredis';
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime, type Runtime } from '../../api/_config/runtime.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { EVENT_PER_IP, EVENT_PER_ORIGIN } from '../../api/_http/rate-limits.js';
import { createMemoryLimiter } from '../../api/_store/limiter-memory.js';
import { createUpstashLimiter } from '../../api/_store/limiter-upstash.js';
import { createMemoryStore } from '../../api/_store/memory.js';
import { createRedisStore } from '../../api/_store/redis.js';
import { redisAvailableOrSkip } from '../support/redis.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { deletePrefix, openRedis, testPrefix, upstashClient } from './store-harness.js';
import { eventBody, eventRequest, ORIGIN } from './ingest-support.js';

// Issue 12 item 4: per-IP and per-origin limits answered 429 + Retry-After, the same rule in the
// embedded store and on Upstash, and holding across two server instances that share Redis.

const IP_A = '198.51.100.7';
const IP_B = '198.51.100.8';
const quiet = () => {};

let sequence = 0;
/** Each request a different lead, so neither the dedup key nor the burst filter folds them together. */
async function post(runtime: Runtime, ip: string, origin = ORIGIN): Promise<Response> {
  sequence += 1;
  const body = eventBody({ user: { email: `lead${sequence}@example.org`, first_name: 'Ann' } });
  return handleEvent(eventRequest(body, { 'x-forwarded-for': ip, origin }), runtime);
}
/** Inside one limiter window, so a window edge cannot shift the count (the sliding window weighs the last one). */
const fixedClock = () => 1_800_000_030_000;

describe('memory limiter (the embedded rule)', () => {
  it('allows `limit` hits per window, refuses the next with the time left, and lets the next window in gradually', async () => {
    let now = 1_800_000_000_000 - (1_800_000_000_000 % 60_000); // the start of a window
    const limiter = createMemoryLimiter(() => now);
    const rule = { name: 't', limit: 3, windowSec: 60 };
    for (let i = 0; i < 3; i += 1) expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
    now += 10_000;
    expect(await limiter.hit(rule, 'k')).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect((await limiter.hit(rule, 'other')).allowed).toBe(true);
    // at 50% of the next window the previous window's 3 hits weigh 1: two more fit, not three
    now += 50_000 + 30_000;
    expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
    expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
    expect((await limiter.hit(rule, 'k')).allowed).toBe(false);
  });

  it('forgets a key idle for two windows, and drops every counter once more keys than maxKeys are counted', async () => {
    let now = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
    const limiter = createMemoryLimiter(() => now, 2);
    const rule = { name: 't', limit: 2, windowSec: 60 };
    expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
    expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
    expect((await limiter.hit(rule, 'k')).allowed).toBe(false);
    // two windows later nothing of those hits weighs any more
    now += 120_000;
    expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
    expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
    expect((await limiter.peek(rule, 'k')).allowed).toBe(false);
    // a third key makes three counters, past maxKeys: the next check starts from none
    await limiter.hit(rule, 'a');
    await limiter.hit(rule, 'b');
    expect((await limiter.hit(rule, 'k')).allowed).toBe(true);
  });

  it('counts a key apart under each rule, and counts the keys of every rule towards maxKeys', async () => {
    const one = { name: 'one', limit: 1, windowSec: 60 };
    const two = { name: 'two', limit: 1, windowSec: 60 };
    const limiter = createMemoryLimiter(fixedClock, 2);
    expect((await limiter.hit(one, 'k')).allowed).toBe(true);
    expect((await limiter.hit(two, 'k')).allowed).toBe(true);
    expect((await limiter.hit(one, 'k')).allowed).toBe(false);
    // a third counter, under either rule, is past maxKeys: the next check starts from none
    expect((await limiter.hit(two, 'j')).allowed).toBe(true);
    expect((await limiter.hit(one, 'k')).allowed).toBe(true);
    // a rule name and key that, joined with '|', spell another rule's name and key are still their own
    const apart = createMemoryLimiter(fixedClock);
    expect((await apart.hit(one, 'k|z')).allowed).toBe(true);
    expect((await apart.hit({ ...one, name: 'one|k' }, 'z')).allowed).toBe(true);
  });
});

describe('POST /api/event rate limits, embedded', () => {
  it('1,000 requests from one IP: 429 with Retry-After after the limit, nothing stored for them; another IP unaffected', async () => {
    const store = createMemoryStore();
    const runtime = await createRuntime(loadEnv({ ALLOWED_ORIGINS: ORIGIN }), { store, limiter: createMemoryLimiter(fixedClock), log: quiet, dryRunWrite: quiet });
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 1000; i += 1) {
      const res = await post(runtime, IP_A);
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(EVENT_PER_IP.limit);
    expect(statuses.slice(EVENT_PER_IP.limit).every((s) => s === 429)).toBe(true);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await refused!.json()).toMatchObject({ error: 'rate_limited' });
    expect(store.countEntries().records).toBe(EVENT_PER_IP.limit);
    expect((await post(runtime, IP_B)).status).toBe(200);
  });

  it('limits one site origin across many IPs', async () => {
    const runtime = await createRuntime(loadEnv({ ALLOWED_ORIGINS: ORIGIN }), { store: createMemoryStore(), limiter: createMemoryLimiter(fixedClock), log: quiet, dryRunWrite: quiet });
    let ok = 0;
    let last = 0;
    for (let i = 0; i <= EVENT_PER_ORIGIN.limit; i += 1) {
      last = (await post(runtime, `203.0.113.${i % 250}`)).status;
      if (last === 200) ok += 1;
    }
    // 250 IPs × at most 60 each could pass more than the origin limit; the origin rule stops it at its limit
    expect(ok).toBe(EVENT_PER_ORIGIN.limit);
    expect(last).toBe(429);
  });
});

describe('POST /api/event rate limits on Upstash, two instances sharing Redis', () => {
  let bridge: UpstashBridge | undefined;
  let direct: IORedis | undefined;
  const prefix = testPrefix();

  beforeAll(async () => {
    if (!(await redisAvailableOrSkip('rate limits (redis)'))) return;
    bridge = await startUpstashBridge();
    direct = openRedis();
  });
  afterEach(async () => {
    if (direct) await deletePrefix(direct, prefix);
  });
  afterAll(async () => {
    await bridge?.close();
    await direct?.quit();
  });

  /** One "server instance": its own Upstash clients, store and limiter, the same database and prefix. */
  async function instance(): Promise<Runtime> {
    const store = createRedisStore(upstashClient(bridge!), { prefix });
    return createRuntime(loadEnv({ ALLOWED_ORIGINS: ORIGIN }), { store, limiter: createUpstashLimiter(upstashClient(bridge!), prefix), log: quiet, dryRunWrite: quiet });
  }

  it('the per-IP limit holds across both instances; another IP is unaffected', async (ctx) => {
    if (!bridge) return ctx.skip();
    const [one, two] = [await instance(), await instance()];
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i += 10) {
      // ten at a time, alternating instances, as a load balancer would spread them
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => post(j % 2 ? one : two, IP_A)))).map((r) => r.status));
    }
    // Real time here: when the run straddles a window edge, the sliding window's rounding
    // (floor of the weighted previous count) can let one more in. Two unshared counters would pass 120.
    const passed = statuses.filter((s) => s === 200).length;
    expect(passed).toBeGreaterThanOrEqual(EVENT_PER_IP.limit);
    expect(passed).toBeLessThanOrEqual(EVENT_PER_IP.limit + 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - passed);
    expect((await post(one, IP_B)).status).toBe(200);
    expect((await post(two, IP_B)).status).toBe(200);
    const keys = await direct!.keys(`${prefix}rl:ip*`);
    expect(keys.some((k) => k.includes(IP_A))).toBe(true);
  }, 60_000);
});
