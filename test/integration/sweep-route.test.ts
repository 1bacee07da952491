import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '../../api/cron/sweep.js';
import { setRuntime } from '../../api/_config/runtime.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { handleSweep } from '../../api/_http/handlers/sweep.js';
import { PENDING_RETRY_DELAY_MS } from '../../api/_pipeline/deliver.js';
import { QSTASH_RETRIES, RETRY_DELAY_EXPRESSION } from '../../api/_config/qstash-scheduler.js';
import { startFakeQStash, signLikeQStash, TEST_SIGNING_KEYS, type FakeQStash } from '../fakes/qstash.js';
import { eventBody, eventRequest, testRuntime, useFakeGraphRuntime } from './ingest-support.js';

const t = useFakeGraphRuntime();
const CRON_SECRET = 'cron-secret-for-tests-0123456789';
const SWEEP_URL = 'https://t.example.com/api/cron/sweep';
let qstash: FakeQStash;

beforeAll(async () => {
  qstash = await startFakeQStash();
});
afterAll(() => qstash.close());

function qstashEnv(): Record<string, string> {
  return {
    CRON_SECRET,
    QSTASH_TOKEN: qstash.token,
    QSTASH_URL: qstash.url,
    QSTASH_CURRENT_SIGNING_KEY: TEST_SIGNING_KEYS.current,
    QSTASH_NEXT_SIGNING_KEY: TEST_SIGNING_KEYS.next,
    QSTASH_SWEEP_URL: SWEEP_URL,
  };
}

const cronRequest = (authorization?: string, method = 'GET') =>
  new Request(SWEEP_URL, { method, headers: authorization ? { authorization } : {} });

function delivery(body: string, signature?: string): Request {
  return new Request(SWEEP_URL, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'upstash-signature': signature } : {}) }, body });
}

/** A pending event in the test's store (Meta down for the whole inline budget). */
async function pendingEvent(runtime = t.runtime): Promise<string> {
  t.fake.fail(3, 503);
  const body = eventBody({ user: { email: `lead-${crypto.randomUUID()}@example.com`, country: 'US' } });
  const res = await handleEvent(eventRequest(body), runtime);
  expect(await res.json()).toMatchObject({ status: 'pending' });
  return body['event_id'] as string;
}

describe('GET /api/cron/sweep (Vercel Cron)', () => {
  it('answers 401 and sweeps nothing without exactly `Bearer <CRON_SECRET>`', async () => {
    await t.rebuildRuntime({ CRON_SECRET });
    const id = await pendingEvent();
    t.clock.now += PENDING_RETRY_DELAY_MS;
    for (const auth of [undefined, `Bearer ${CRON_SECRET}x`, `bearer ${CRON_SECRET}`, CRON_SECRET, 'Bearer ']) {
      const res = await handleSweep(cronRequest(auth), t.runtime);
      expect(res.status).toBe(401);
    }
    expect(await t.store.get(id)).toMatchObject({ state: 'pending' });
    expect(await t.store.listDue(t.clock.now, 10)).toEqual([id]); // not even leased
  });

  it('is closed when CRON_SECRET is not set', async () => {
    const res = await handleSweep(cronRequest('Bearer '), t.runtime);
    expect(res.status).toBe(401);
  });

  it('sweeps with the secret and answers the counts (no ids, no PII)', async () => {
    await t.rebuildRuntime({ CRON_SECRET });
    const id = await pendingEvent();
    t.clock.now += PENDING_RETRY_DELAY_MS;
    const res = await handleSweep(cronRequest(`Bearer ${CRON_SECRET}`), t.runtime);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ picked: 1, sent: 1, pending: 0, failed: 0, paused: false, more: false });
    expect(JSON.stringify(report)).not.toContain(id);
    expect(await t.store.get(id)).toMatchObject({ state: 'sent' });
  });

  it('answers through the route file like Vercel calls it, and 405 for other methods', async () => {
    const { runtime } = await testRuntime({ env: { CRON_SECRET } });
    setRuntime(runtime);
    try {
      expect((await GET(cronRequest(`Bearer ${CRON_SECRET}`))).status).toBe(200);
      expect((await GET(cronRequest('Bearer nope'))).status).toBe(401);
      expect((await GET(cronRequest(`Bearer ${CRON_SECRET}`, 'PUT'))).status).toBe(405);
    } finally {
      setRuntime(undefined);
    }
  });
});

describe('QStash: a delayed sweep when an event turns pending, signed callbacks', () => {
  it('publishes one delayed message for the pending event, with the retry schedule', async () => {
    await t.rebuildRuntime(qstashEnv());
    qstash.published.length = 0;
    const before = Date.now();
    const id = await pendingEvent();
    expect(qstash.published).toHaveLength(1);
    const [message] = qstash.published;
    expect(message!.destination).toBe(SWEEP_URL);
    expect(JSON.parse(message!.body)).toEqual({ event_id: id });
    expect(message!.headers['upstash-retries']).toBe(String(QSTASH_RETRIES));
    expect(message!.headers['upstash-retry-delay']).toBe(RETRY_DELAY_EXPRESSION);
    expect(message!.headers['upstash-deduplication-id']).toBe(`sweep-${id}`);
    const notBefore = Number(message!.headers['upstash-not-before']) * 1000;
    expect(notBefore).toBeGreaterThanOrEqual(before + 30_000);
    // A sent event publishes nothing.
    await handleEvent(eventRequest(eventBody({ user: { email: `ok-${crypto.randomUUID()}@example.com`, country: 'US' } })), t.runtime);
    expect(qstash.published).toHaveLength(1);
  });

  it('runs a sweep for a delivery signed with the current or the next key; 503 while its event still waits', async () => {
    await t.rebuildRuntime(qstashEnv());
    const id = await pendingEvent();
    const body = JSON.stringify({ event_id: id });

    // Not due yet in the store's clock: the sweep leaves it, and QStash is asked to come back.
    let res = await handleSweep(delivery(body, signLikeQStash(body, SWEEP_URL, TEST_SIGNING_KEYS.current)), t.runtime);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ waiting: true, sent: 0 });

    t.clock.now += PENDING_RETRY_DELAY_MS;
    res = await handleSweep(delivery(body, signLikeQStash(body, SWEEP_URL, TEST_SIGNING_KEYS.next)), t.runtime);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sent: 1 });
    expect(await t.store.get(id)).toMatchObject({ state: 'sent' });

    // A schedule's delivery has an empty body: it just sweeps.
    res = await handleSweep(delivery('', signLikeQStash('', SWEEP_URL, TEST_SIGNING_KEYS.current)), t.runtime);
    expect(res.status).toBe(200);
  });

  it('answers 401 and sweeps nothing for unsigned, forged or replayed-elsewhere deliveries', async () => {
    await t.rebuildRuntime(qstashEnv());
    const id = await pendingEvent();
    t.clock.now += PENDING_RETRY_DELAY_MS;
    const body = JSON.stringify({ event_id: id });
    const bad = [
      delivery(body),
      delivery(body, 'not-a-jwt'),
      delivery(body, signLikeQStash(body, SWEEP_URL, 'sig_someoneElsesKey00000000000000')),
      delivery(body, signLikeQStash(body, 'https://elsewhere.example.com/api/cron/sweep', TEST_SIGNING_KEYS.current)),
      delivery(body, signLikeQStash('{"event_id":"other"}', SWEEP_URL, TEST_SIGNING_KEYS.current)),
      delivery(body, signLikeQStash(body, SWEEP_URL, TEST_SIGNING_KEYS.current, { iss: 'NotUpstash' })),
      delivery(body, signLikeQStash(body, SWEEP_URL, TEST_SIGNING_KEYS.current, { exp: Math.floor(Date.now() / 1000) - 3_600 })),
    ];
    for (const request of bad) expect((await handleSweep(request, t.runtime)).status).toBe(401);
    // The cron secret does not open the POST, and a signature does not open the GET.
    expect((await handleSweep(new Request(SWEEP_URL, { method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}` }, body }), t.runtime)).status).toBe(401);
    expect(await t.store.get(id)).toMatchObject({ state: 'pending' });
    expect(await t.store.listDue(t.clock.now, 10)).toEqual([id]);
  });

  it('refuses signed deliveries when QStash is not configured', async () => {
    const body = '{}';
    expect((await handleSweep(delivery(body, signLikeQStash(body, SWEEP_URL, TEST_SIGNING_KEYS.current)), t.runtime)).status).toBe(401);
  });
});
