import { describe, expect, it, vi } from 'vitest';
import { createGraphSender, GRAPH_API_VERSION, parseRetryAfter } from '../../../../api/_meta/graph-sender.js';
import { fetchTransport, type GraphTransport, type TransportAnswer } from '../../../../api/_meta/transport.js';
import type { RetryClock } from '../../../../api/_meta/retry.js';
import type { CapiServerEvent } from '../../../../api/_contract/records.js';

const EVENT: CapiServerEvent = {
  event_name: 'Lead',
  event_time: 1_795_000_000,
  event_id: 'e1',
  action_source: 'website',
  event_source_url: 'https://a.co/',
  user_data: { client_user_agent: 'UA' },
  data_processing_options: [],
};

function virtualClock() {
  let t = 1_000;
  const sleeps: number[] = [];
  const clock: RetryClock = { now: () => t, sleep: async (ms) => void (sleeps.push(ms), (t += ms)), random: () => 0 };
  return { clock, sleeps };
}

function scripted(answers: (TransportAnswer | Error)[]) {
  const calls: { url: string; body: string; timeoutMs: number }[] = [];
  const transport: GraphTransport = async (url, body, timeoutMs) => {
    calls.push({ url, body, timeoutMs });
    const next = answers.shift() ?? { status: 200, retryAfter: null, body: { events_received: 1, fbtrace_id: 'T' } };
    if (next instanceof Error) throw next;
    return next;
  };
  return { transport, calls };
}

/** A transport that holds every POST until the test releases it; the n-th answer carries fbtrace_id `T<n>`. */
function heldTransport() {
  const bodies: string[] = [];
  const releases: (() => void)[] = [];
  const transport: GraphTransport = (_url, body) => {
    bodies.push(body);
    const trace = `T${bodies.length}`;
    return new Promise((resolve) => releases.push(() => resolve({ status: 200, retryAfter: null, body: { fbtrace_id: trace } })));
  };
  return { transport, bodies, releases };
}

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 8000, attemptTimeoutMs: 2000 };

describe('createGraphSender', () => {
  it('posts to the pinned version with the token only in the JSON body', async () => {
    const { clock } = virtualClock();
    const { transport, calls } = scripted([]);
    const sender = createGraphSender({ graphUrl: 'https://graph.example', pixelId: '42', accessToken: 'tok', testEventCode: 'TEST1', policy, clock, transport });
    const result = await sender.send(EVENT);
    expect(result).toEqual({ state: 'sent', attempts: [{ at: 1_000, duration_ms: 0, status: 200, outcome: 'ok', fbtrace_id: 'T' }] });
    expect(calls[0]?.url).toBe(`https://graph.example/${GRAPH_API_VERSION}/42/events`);
    expect(JSON.parse(calls[0]!.body)).toEqual({ data: [EVENT], test_event_code: 'TEST1', access_token: 'tok' });
    expect(GRAPH_API_VERSION).toBe('v26.0');
  });

  it('honours Retry-After and records a timeout as such', async () => {
    const { clock, sleeps } = virtualClock();
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const { transport } = scripted([{ status: 503, retryAfter: '2', body: undefined }, timeout]);
    const result = await createGraphSender({ graphUrl: 'https://g', pixelId: '1', accessToken: 't', policy, clock, transport }).send(EVENT);
    expect(sleeps[0]).toBe(2000);
    expect(result.state).toBe('sent');
    expect(result.attempts.map((a) => [a.status, a.outcome, a.error?.message])).toEqual([
      [503, 'transient', 'HTTP 503'],
      [null, 'transient', 'timeout after 2000 ms'],
      [200, 'ok', undefined],
    ]);
  });

  it.each<[string, TransportAnswer[], string, string | undefined]>([
    ['permanent error', [{ status: 400, retryAfter: null, body: { error: { code: 100, message: 'bad' } } }], 'failed', 'meta_error_100'],
    ['permanent without a code', [{ status: 404, retryAfter: null, body: undefined }], 'failed', 'http_404'],
    ['transient until attempts run out', Array(3).fill({ status: 500, retryAfter: null, body: undefined }), 'pending', 'retry_budget_exhausted'],
  ])('%s → %s', async (_name, answers, state, reason) => {
    const { clock } = virtualClock();
    const { transport } = scripted([...answers]);
    const result = await createGraphSender({ graphUrl: 'https://g', pixelId: '1', accessToken: 't', policy, clock, transport }).send(EVENT);
    expect(result.state).toBe(state);
    expect(result.reason).toBe(reason);
  });

  it('passes Meta’s Retry-After on to a pending result', async () => {
    const { clock } = virtualClock();
    const { transport } = scripted([{ status: 503, retryAfter: '120', body: undefined }]);
    const result = await createGraphSender({ graphUrl: 'https://g', pixelId: '1', accessToken: 't', policy, clock, transport }).send(EVENT);
    expect(result).toMatchObject({ state: 'pending', retryAfterMs: 120_000 });
    expect(result.attempts).toHaveLength(1);
  });
});

describe('createGraphSender coalescing', () => {
  it('posts events queued behind an in-flight request as one body, in order, with the same envelope', async () => {
    const { clock } = virtualClock();
    const { transport, bodies, releases } = heldTransport();
    const sender = createGraphSender({ graphUrl: 'https://g', pixelId: '1', accessToken: 'tok', testEventCode: 'TEST1', policy, clock, transport, maxRequestsInFlight: 1 });
    const events = ['e1', 'e2', 'e3'].map((event_id) => ({ ...EVENT, event_id }));
    const results = events.map((e) => sender.send(e));
    releases[0]!();
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    releases[1]!();

    expect(bodies.map((b) => JSON.parse(b))).toEqual([
      { data: [events[0]], test_event_code: 'TEST1', access_token: 'tok' },
      { data: [events[1], events[2]], test_event_code: 'TEST1', access_token: 'tok' },
    ]);
    expect((await Promise.all(results)).map((r) => r.attempts)).toEqual([
      [{ at: 1_000, duration_ms: 0, status: 200, outcome: 'ok', fbtrace_id: 'T1' }],
      [{ at: 1_000, duration_ms: 0, status: 200, outcome: 'ok', fbtrace_id: 'T2', batch_size: 2 }],
      [{ at: 1_000, duration_ms: 0, status: 200, outcome: 'ok', fbtrace_id: 'T2', batch_size: 2 }],
    ]);
  });

  it('lets maxRequestsInFlight first attempts out at once, each alone, and queues the rest', async () => {
    const { clock } = virtualClock();
    const { transport, bodies, releases } = heldTransport();
    const sender = createGraphSender({ graphUrl: 'https://g', pixelId: '1', accessToken: 'tok', policy, clock, transport, maxRequestsInFlight: 2 });
    const results = ['e1', 'e2', 'e3', 'e4'].map((event_id) => sender.send({ ...EVENT, event_id }));
    const ids = () => bodies.map((b) => (JSON.parse(b) as { data: { event_id: string }[] }).data.map((e) => e.event_id));
    expect(ids()).toEqual([['e1'], ['e2']]);
    releases[0]!();
    await vi.waitFor(() => expect(bodies).toHaveLength(3));
    releases.slice(1).forEach((release) => release());
    await Promise.all(results);
    expect(ids()).toEqual([['e1'], ['e2'], ['e3', 'e4']]);
  });

  it('keeps every coalesced body within 512 KiB, envelope included', async () => {
    const { clock } = virtualClock();
    const { transport, bodies, releases } = heldTransport();
    const sender = createGraphSender({ graphUrl: 'https://g', pixelId: '1', accessToken: 'tok', policy, clock, transport, maxRequestsInFlight: 1 });
    // 104,854 bytes each: five joined fit in 512 KiB, but not with the envelope around them
    const big = (i: number) => ({ ...EVENT, event_id: `big${i}`, custom_data: { content_name: 'x'.repeat(104_628) } });
    const results = Array.from({ length: 7 }, (_, i) => sender.send(big(i)));
    releases[0]!();
    await vi.waitFor(() => expect(bodies.length).toBeGreaterThan(1));
    releases.slice(1).forEach((release) => release());
    await Promise.all(results);
    const sizes = bodies.map((b) => Buffer.byteLength(b));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(512 * 1024);
    expect(bodies.slice(1).map((b) => (JSON.parse(b) as { data: unknown[] }).data.length)).toEqual([4, 2]);
  });

  it('counts a failed batch as the first attempt: the retry loop and its attempt cap go on per event', async () => {
    const { clock, sleeps } = virtualClock();
    const { transport, calls } = scripted([
      { status: 200, retryAfter: null, body: {} },
      { status: 503, retryAfter: '1', body: { error: { code: 2, message: 'down', is_transient: true } } },
      ...Array(4).fill({ status: 500, retryAfter: null, body: undefined }),
    ]);
    const sender = createGraphSender({ graphUrl: 'https://g', pixelId: '1', accessToken: 't', policy, clock, transport, maxRequestsInFlight: 1 });
    const results = await Promise.all(['e1', 'e2', 'e3'].map((event_id) => sender.send({ ...EVENT, event_id })));
    // 1 lone + 1 batch + 2 events × (maxAttempts 3 − the batch) individual tries
    expect(calls).toHaveLength(6);
    expect(sleeps.slice(0, 2)).toEqual([1000, 1000]); // the batch's Retry-After applies to each event
    expect(results.slice(1).map((r) => [r.state, r.attempts.map((a) => [a.status, a.outcome, a.batch_size])])).toEqual(
      Array(2).fill(['pending', [[503, 'transient', 2], [500, 'transient', undefined], [500, 'transient', undefined]]]),
    );
  });
});

describe('fetchTransport', () => {
  it('adapts a fetch implementation', async () => {
    const seen: RequestInit[] = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response('{"events_received":1}', { status: 200, headers: { 'retry-after': '3' } });
    }) as unknown as typeof fetch;
    expect(await fetchTransport(fakeFetch)('https://g/x', '{}', 100)).toEqual({ status: 200, retryAfter: '3', body: { events_received: 1 } });
    expect(seen[0]?.method).toBe('POST');
  });
});

describe('parseRetryAfter', () => {
  it.each<[string | null, number | undefined]>([
    ['5', 5000],
    ['0', 0],
    [new Date(10_000).toUTCString(), 9_000],
    ['soon', undefined],
    [null, undefined],
  ])('%s → %s', (header, expected) => {
    expect(parseRetryAfter(header, 1_000)).toBe(expected);
  });
});
