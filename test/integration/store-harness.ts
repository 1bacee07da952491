import { randomBytes } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { createMemoryStore } from '../../api/_store/memory.js';
import { createRedisStore } from '../../api/_store/redis.js';
import { upstashClientFrom } from '../../api/_store/upstash-client.js';
import { nodeHttpRequester } from '../../api/_store/upstash-http.js';
import type { Store } from '../../api/_store/store.js';
import type { ConversionRecord, RawReceipt } from '../../api/_contract/records.js';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { REDIS_HOST, REDIS_PORT, redisAvailableOrSkip } from '../support/redis.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';

/** One store under test plus a way to let time pass for it. */
export interface StoreHarness {
  store: Store;
  /** the store's clock (ms epoch) */
  now(): number;
  /** memory: move the injected clock; Redis: really wait, because Redis owns the TTLs */
  advance(ms: number): Promise<void>;
}

export function memoryHarness(startMs = 1_700_000_000_000): StoreHarness {
  let clock = startMs;
  return {
    store: createMemoryStore({ now: () => clock }),
    now: () => clock,
    advance: async (ms) => {
      clock += ms;
    },
  };
}

/** An Upstash client as _store/upstash-client.ts builds it (its node:http requester included), pointed at the bridge. */
export function upstashClient(bridge: UpstashBridge, token = bridge.token): Redis {
  return upstashClientFrom(Redis, nodeHttpRequester({ url: bridge.url, token, timeoutMs: 2_500 }), { url: bridge.url, token }, false);
}

export function redisHarness(bridge: UpstashBridge, prefix: string): StoreHarness {
  return {
    store: createRedisStore(upstashClient(bridge), { prefix, retryDelayMs: () => 10 }),
    now: () => Date.now(),
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/** A fresh key prefix per test, so tests never see each other's keys. */
export function testPrefix(): string {
  return `test:${randomBytes(6).toString('hex')}:`;
}

/** Direct Redis access for setup and cleanup (SCAN + DEL of one prefix). */
export function openRedis(): IORedis {
  return new IORedis({ host: REDIS_HOST, port: REDIS_PORT, maxRetriesPerRequest: 1 });
}

export async function deletePrefix(redis: IORedis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Real Redis for one test file: the Upstash REST bridge in front of it, and direct access. */
export interface RealRedis {
  /** undefined while Redis is not reachable: the file's Redis tests skip (an error under CI=true) */
  readonly bridge: UpstashBridge | undefined;
  readonly direct: IORedis | undefined;
  /** a fresh key prefix, whose keys are deleted when the file ends */
  prefix(): string;
}

/**
 * Start real Redis behind the Upstash bridge before the file's tests (call at file or describe
 * level, where vitest takes hooks) and, after them, delete every prefix handed out and close both
 * connections. Other engineers' tests share the server: never FLUSHDB.
 */
export function useRealRedis(suite: string): RealRedis {
  let bridge: UpstashBridge | undefined;
  let direct: IORedis | undefined;
  const prefixes: string[] = [];
  beforeAll(async () => {
    if (!(await redisAvailableOrSkip(suite))) return;
    bridge = await startUpstashBridge();
    direct = openRedis();
  });
  afterAll(async () => {
    for (const prefix of prefixes) if (direct) await deletePrefix(direct, prefix);
    await bridge?.close();
    await direct?.quit();
  });
  return {
    get bridge() {
      return bridge;
    },
    get direct() {
      return direct;
    },
    prefix() {
      const prefix = testPrefix();
      prefixes.push(prefix);
      return prefix;
    },
  };
}

/** A conversion record as the pipeline would claim it; only hashed data, no PII. */
export function makeRecord(eventId: string, receivedAt: number, overrides: Partial<ConversionRecord> = {}): ConversionRecord {
  return {
    event_id: eventId,
    event_name: 'Lead',
    state: 'received',
    received_at: receivedAt,
    updated_at: receivedAt,
    event_time: Math.floor(receivedAt / 1000),
    event_source_url: 'https://www.example.com/contact',
    source: { tool: 'inline', form: 'contact' },
    consent: { ads: 'granted', gpc: false, verdict: 'allowed', basis: 'test' },
    attempts: [],
    next_attempt_at: receivedAt + 60_000,
    ...overrides,
  };
}

export function makeRaw(eventId: string, receivedAt: number, email: string): RawReceipt {
  return { event_id: eventId, received_at: receivedAt, user: { email }, client_user_agent: 'Mozilla/5.0 (test)' };
}

/** Claim input with long TTLs unless a test shortens one. */
export const LONG_TTLS = { dedupTtlSec: 600, rawTtlSec: 7 * 86_400, recordTtlSec: 30 * 86_400 } as const;

/** The backend a contract test runs on, for the few tests that look at Redis keys themselves. */
export interface ContractBackend {
  readonly name: 'memory' | 'redis';
  /** this test's key prefix (Redis) */
  readonly prefix: string;
  /** direct Redis access; undefined on the memory backend */
  readonly direct: IORedis | undefined;
}

/**
 * The Store contract's frame: `body` runs once on the embedded memory store and once on real Redis
 * behind the Upstash REST bridge (skipped, an error under CI=true, without Redis), with a fresh
 * store (and key prefix) per test. `h` is that test's harness; both stores must pass the same tests.
 */
export function describeStoreContract(title: string, body: (h: StoreHarness, backend: ContractBackend) => void): void {
  const redis = useRealRedis(title);
  const backends = [
    { name: 'memory' as const, label: 'memory', open: (): StoreHarness | null => memoryHarness() },
    { name: 'redis' as const, label: 'redis via the Upstash REST bridge', open: (prefix: string): StoreHarness | null => (redis.bridge ? redisHarness(redis.bridge, prefix) : null) },
  ];
  describe.each(backends)(`${title}: $label`, ({ name, open }) => {
    const h = {} as StoreHarness;
    let prefix = '';
    beforeEach((ctx) => {
      prefix = redis.prefix();
      const harness = open(prefix);
      if (!harness) return ctx.skip();
      Object.assign(h, harness);
    });
    body(h, {
      name,
      get prefix() {
        return prefix;
      },
      get direct() {
        return name === 'redis' ? redis.direct : undefined;
      },
    });
  });
}
