import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime, type Runtime } from '../../api/_config/runtime.js';
import { unlimitedLimiter } from '../../scripts/bench/unlimited-limiter.js';
import { handleConsent } from '../../api/_http/handlers/consent.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import type { Sender, SendResult } from '../../api/_meta/sender.js';
import { createMemoryProofStore } from '../../api/_store/proof-store.js';
import { MAX_EVENTS_PER_VISITOR } from '../../api/_store/store.js';
import { eventBody, eventRequest, ORIGIN, testRuntime } from './ingest-support.js';
import { useRealRedis } from './store-harness.js';

// Issue 15 item 2 and issue 10 item 4, end to end over the Upstash store (REST bridge → real Redis):
// what one consent id can make a withdrawal cost, and a withdrawal racing an inline send.
const CONSENT_ID = '5a0e3c1d-2b4f-4c6a-8e9d-7f1b2a3c4d5e';

const redis = useRealRedis('withdrawal bounds (redis)');

/** A runtime on the Redis store through the bridge, with the given sender. */
async function redisRuntime(sender: Sender): Promise<Runtime> {
  const bridge = redis.bridge!;
  const env = loadEnv({ ALLOWED_ORIGINS: ORIGIN, UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token, REDIS_PREFIX: redis.prefix() });
  // twenty leads with one consent id look like a burst of identical submissions: load, not abuse, here
  return createRuntime(env, { sender, proofs: createMemoryProofStore(), limiter: unlimitedLimiter });
}

/** Meta unreachable for the whole inline budget: every event stays pending, waiting to be sent. */
const unreachable: Sender = {
  kind: 'live',
  send: async (): Promise<SendResult> => ({ state: 'pending', attempts: [{ at: Date.now(), duration_ms: 1, status: 503, outcome: 'transient' }], reason: 'meta_unavailable' }),
};

let forms = 0;
const leadWithConsentId = () =>
  eventBody({ consent: { ads: 'granted', gpc: false, source: 'banner', id: CONSENT_ID }, source: { tool: 'webflow', form: `f-${(forms += 1)}` } });

async function postEvent(runtime: Runtime, body: Record<string, unknown>) {
  const res = await handleEvent(eventRequest(body), runtime);
  return (await res.json()) as { status: string; reason?: string };
}

async function deny(runtime: Runtime): Promise<{ recorded: boolean; cancelled: number }> {
  const request = new Request('https://t.example.com/api/consent', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'text/plain' },
    body: JSON.stringify({ id: CONSENT_ID, ads: 'denied', source: 'banner', revision: '1' }),
  });
  const res = await handleConsent(request, runtime);
  expect(res.status).toBe(200);
  return (await res.json()) as { recorded: boolean; cancelled: number };
}

describe('withdrawal costs a bounded number of store round trips', () => {
  /** Count the store calls made through `runtime.store`, by method. */
  function countStoreCalls(runtime: Runtime): Record<string, number> {
    const calls: Record<string, number> = {};
    const store = runtime.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of ['claim', 'save', 'get', 'getRaw', 'withdrawVisitor', 'clearWithdrawal', 'listDue', 'listRecent']) {
      const original = store[name]!.bind(store);
      store[name] = (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return original(...args);
      };
    }
    return calls;
  }

  it('2,000 events posted under one consent id (embedded store): the denial is one store call', async () => {
    const { runtime } = await testRuntime({ overrides: { sender: unreachable, proofs: createMemoryProofStore() } });
    const states: Record<string, number> = {};
    const N = 2_000;
    for (let i = 0; i < N; i += 1) {
      const a = await postEvent(runtime, leadWithConsentId());
      states[`${a.status}/${a.reason}`] = (states[`${a.status}/${a.reason}`] ?? 0) + 1;
    }
    // Only the first MAX_EVENTS_PER_VISITOR are linked (and may be sent); the rest are small PII-free stand-ins.
    expect(states).toEqual({ 'pending/meta_unavailable': MAX_EVENTS_PER_VISITOR, 'filtered/consent_id_limit': N - MAX_EVENTS_PER_VISITOR });

    const calls = countStoreCalls(runtime);
    expect(await deny(runtime)).toEqual({ recorded: true, cancelled: MAX_EVENTS_PER_VISITOR });
    // was 1 withdrawVisitor + a get and a save per linked event (N = 2,000 measured in the issue)
    expect(calls).toEqual({ withdrawVisitor: 1 });
    expect(await runtime.store.listDue(Date.now() + 86_400_000, N)).toEqual([]);
  });

  it('over Upstash: the denial is one HTTP round trip, with every linked event cancelled', async (ctx) => {
    const bridge = redis.bridge;
    if (!bridge) return ctx.skip();
    const runtime = await redisRuntime(unreachable);
    const answers = await Promise.all(Array.from({ length: MAX_EVENTS_PER_VISITOR + 5 }, () => postEvent(runtime, leadWithConsentId())));
    expect(answers.filter((a) => a.status === 'pending')).toHaveLength(MAX_EVENTS_PER_VISITOR);
    expect(answers.filter((a) => a.reason === 'consent_id_limit')).toHaveLength(5);

    bridge.resetRequestCount();
    expect(await deny(runtime)).toEqual({ recorded: true, cancelled: MAX_EVENTS_PER_VISITOR });
    expect(bridge.requestCount).toBe(1);
    expect(await runtime.store.listDue(Date.now() + 86_400_000, 100)).toEqual([]);
  });
});

describe('a withdrawal that lands while the inline send is in flight (issue 10 item 4)', () => {
  it('is never overwritten by the send’s save: the record stays suppressed/withdrawn and the answer says so', async (ctx) => {
    if (!redis.bridge) return ctx.skip();
    let releaseSend!: () => void;
    let sendStarted!: () => void;
    const started = new Promise<void>((resolve) => (sendStarted = resolve));
    const slowOk: Sender = {
      kind: 'live',
      send: async () => {
        sendStarted();
        await new Promise<void>((resolve) => (releaseSend = resolve));
        return { state: 'sent', attempts: [{ at: Date.now(), duration_ms: 50, status: 200, outcome: 'ok' }] };
      },
    };
    const runtime = await redisRuntime(slowOk);
    const body = leadWithConsentId();
    const answer = postEvent(runtime, body);
    await started;
    expect(await deny(runtime)).toEqual({ recorded: true, cancelled: 1 });
    releaseSend();

    expect(await answer).toEqual({ event_id: body['event_id'], status: 'suppressed', reason: 'withdrawn' });
    const record = await runtime.store.get(body['event_id'] as string);
    expect(record).toMatchObject({ state: 'suppressed', reason: 'withdrawn', consent: { verdict: 'suppressed', basis: 'withdrawn' } });
    expect(record).not.toHaveProperty('payload');
    expect(await runtime.store.getRaw(body['event_id'] as string)).toBeNull();
  });
});
