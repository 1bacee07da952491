import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphSender } from '../../api/_meta/graph-sender.js';
import { nodeTransport, type GraphTransport } from '../../api/_meta/transport.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import type { RetryPolicy } from '../../api/_meta/retry.js';
import type { Sender } from '../../api/_meta/sender.js';
import type { CapiServerEvent } from '../../api/_contract/records.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, sha, testRuntime } from './ingest-support.js';

const POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40, budgetMs: 3000, attemptTimeoutMs: 300 };

let fake: FakeGraph;
let sender: Sender;
let transportCalls: number;

beforeAll(async () => {
  fake = await startFakeGraph({ accessToken: CANARY.accessToken });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  transportCalls = 0;
  const counting: GraphTransport = (url, body, timeoutMs) => {
    transportCalls++;
    return nodeTransport(url, body, timeoutMs);
  };
  // One request out at a time, so which events share a batch is certain (the limit itself: first-attempt-coalescer tests).
  sender = createGraphSender({ graphUrl: fake.url, pixelId: fake.pixelId, accessToken: CANARY.accessToken, policy: POLICY, transport: counting, maxRequestsInFlight: 1 });
});

let serial = 0;
function event(userData: Record<string, unknown> = {}): CapiServerEvent {
  return {
    event_name: 'Lead',
    event_time: Math.floor(Date.now() / 1000),
    event_id: `evt-${++serial}`,
    action_source: 'website',
    event_source_url: 'https://www.example.com/contact',
    user_data: { em: [sha(`lead${serial}@example.com`)], client_user_agent: 'Mozilla/5.0', ...userData },
    data_processing_options: [],
  };
}

const idsOf = (body: unknown) => (body as { data: { event_id: string }[] }).data.map((e) => e.event_id);

/** event_id → how many 200 answers carried it */
function acceptedCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of fake.requests) if (r.status === 200) for (const id of idsOf(r.body)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe('live sender coalescing against the fake Graph API', () => {
  it('sends a lone event alone, its request started before send() returns', async () => {
    const e = event();
    const pending = sender.send(e);
    expect(transportCalls).toBe(1);
    const result = await pending;
    expect(result).toEqual({ state: 'sent', attempts: [{ at: expect.any(Number), duration_ms: expect.any(Number), status: 200, outcome: 'ok', fbtrace_id: expect.any(String) }] });
    expect(fake.requests.map((r) => idsOf(r.body))).toEqual([[e.event_id]]);
  });

  it('coalesces 20 concurrent sends: fewer requests, some batches, every event accepted exactly once', async () => {
    const events = Array.from({ length: 20 }, () => event());
    const results = await Promise.all(events.map((e) => sender.send(e)));

    expect(results.map((r) => r.state)).toEqual(Array(20).fill('sent'));
    expect(fake.requests.length).toBeLessThan(20);
    expect(fake.requests.some((r) => idsOf(r.body).length > 1)).toBe(true);
    expect([...acceptedCounts().entries()].sort()).toEqual(events.map((e) => [e.event_id, 1]).sort());
    // the first went alone; the others record the shared request with its size and trace
    expect(results[0]?.attempts[0]?.batch_size).toBeUndefined();
    for (const [i, r] of results.entries()) {
      const request = fake.requests.find((q) => idsOf(q.body).includes(events[i]!.event_id))!;
      const size = idsOf(request.body).length;
      expect(r.attempts).toEqual([expect.objectContaining({ status: 200, outcome: 'ok', ...(size > 1 ? { batch_size: size } : {}) })]);
      expect(r.attempts[0]!.batch_size === undefined).toBe(size === 1);
    }
  });

  it('resends a batch rejected for one invalid event alone: the others are sent, the invalid one fails with Meta’s error', async () => {
    const good = [event(), event()];
    const bad = event({ em: [`lead@example.com`] }); // unhashed: the fake rejects the whole request with code 100
    const first = event();
    const results = await Promise.all([first, good[0]!, bad, good[1]!].map((e) => sender.send(e)));

    expect(results.map((r) => [r.state, r.reason])).toEqual([
      ['sent', undefined],
      ['sent', undefined],
      ['failed', 'meta_error_100'],
      ['sent', undefined],
    ]);
    const batch = fake.requests[1]!;
    expect([idsOf(batch.body), batch.status]).toEqual([[good[0]!.event_id, bad.event_id, good[1]!.event_id], 400]);
    const batchAttempt = { status: 400, outcome: 'transient', batch_size: 3, fbtrace_id: expect.any(String), error: expect.objectContaining({ code: 100, message: 'Invalid parameter: em must be hashed with SHA-256' }) };
    expect(results[1]?.attempts).toEqual([expect.objectContaining(batchAttempt), expect.objectContaining({ status: 200, outcome: 'ok' })]);
    expect(results[2]?.attempts).toEqual([expect.objectContaining(batchAttempt), expect.objectContaining({ status: 400, outcome: 'permanent', error: expect.objectContaining({ code: 100 }) })]);
    expect(results[2]?.attempts[1]?.batch_size).toBeUndefined();
    // the individual resends carried one event each
    expect(fake.requests.slice(2).map((r) => idsOf(r.body).length)).toEqual([1, 1, 1]);
    expect([...acceptedCounts().keys()].sort()).toEqual([first, ...good].map((e) => e.event_id).sort());
  });

  it.each([['a 5xx', 500], ['a timeout', 'timeout']] as const)('retries each event of a batch that got %s alone, and sends it', async (_name, kind) => {
    fake.failBatches(1, kind);
    const events = Array.from({ length: 4 }, () => event());
    const results = await Promise.all(events.map((e) => sender.send(e)));

    expect(results.map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(idsOf(fake.requests[1]!.body)).toHaveLength(3);
    for (const r of results.slice(1)) {
      expect(r.attempts.map((a) => [a.status, a.outcome, a.batch_size])).toEqual([
        [kind === 'timeout' ? null : 500, 'transient', 3],
        [200, 'ok', undefined],
      ]);
    }
    if (kind === 'timeout') expect(results[1]?.attempts[0]?.error?.message).toBe('timeout after 300 ms');
    expect([...acceptedCounts().values()]).toEqual([1, 1, 1, 1]);
  });

  it('a batch of one behaves as a lone send: its permanent answer decides, no batch_size', async () => {
    const first = event();
    const bad = event({ em: ['not-hashed'] });
    const [, result] = await Promise.all([sender.send(first), sender.send(bad)]);
    expect(fake.requests.map((r) => idsOf(r.body))).toEqual([[first.event_id], [bad.event_id]]);
    expect(result?.state).toBe('failed');
    expect(result?.attempts).toEqual([expect.objectContaining({ status: 400, outcome: 'permanent' })]);
    expect(result?.attempts[0]?.batch_size).toBeUndefined();
  });
});

describe('ingest under concurrent posts', () => {
  it('stores each record’s shared attempt with its batch_size', async () => {
    const t = await testRuntime({ graphUrl: fake.url, pixelId: fake.pixelId });
    const bodies = Array.from({ length: 8 }, (_, i) => eventBody({ source: { form: `form-${i}` } }));
    const answers = await Promise.all(bodies.map(async (b) => (await handleEvent(eventRequest(b), t.runtime)).json()));
    expect(answers.map((a) => (a as { status: string }).status)).toEqual(Array(8).fill('sent'));
    expect(fake.requests.length).toBeLessThan(8);
    const records = await Promise.all(bodies.map((b) => t.store.get(b['event_id'] as string)));
    const sizes = records.map((r) => r?.attempts[0]?.batch_size ?? 1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(8);
    expect(new Set(records.map((r) => r?.attempts[0]?.fbtrace_id)).size).toBe(fake.requests.length);
  });
});
