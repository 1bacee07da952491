// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MAX_KEEP_MS, RETRY_DELAYS_MS, start } from '../../../../widget/transport/retry/chunk.js';
import { UNSENT_KEY } from '../../../../widget/transport/retry-key.js';

const ENDPOINT = 'https://t.example.com/';
const stored = () => JSON.parse(sessionStorage.getItem(UNSENT_KEY) ?? 'null') as { body: string; at: number }[] | null;
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('retry chunk (wr.js)', () => {
  test('keeps a failed lead, retries with backoff while the relay answers 5xx, and deletes it on a 2xx', async () => {
    const statuses = [503, 502, 200];
    const fetchMock = vi.fn(async () => new Response('{}', { status: statuses.shift() ?? 200 }));
    vi.stubGlobal('fetch', fetchMock);
    start(ENDPOINT, '{"event_id":"e1"}');
    expect(stored()).toEqual([{ body: '{"event_id":"e1"}', at: Date.now() }]);
    expect(fetchMock).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0]!);
    expect(fetchMock).toHaveBeenCalledWith('https://t.example.com/api/send', { method: 'POST', keepalive: true, credentials: 'include', body: '{"event_id":"e1"}' });
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[1]!);
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[2]!);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(stored()).toBeNull();
  });

  test('a 4xx ends it: deleted, not retried', async () => {
    const fetchMock = vi.fn(async () => new Response('{}', { status: 400 }));
    vi.stubGlobal('fetch', fetchMock);
    start(ENDPOINT, '{"event_id":"e2"}');
    await vi.advanceTimersByTimeAsync(60_000 * 5);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(stored()).toBeNull();
  });

  test('gives up for this page after the last delay but keeps the lead for the next page view', async () => {
    const fetchMock = vi.fn(async () => Promise.reject(new TypeError('offline')));
    vi.stubGlobal('fetch', fetchMock);
    start(ENDPOINT, '{"event_id":"e3"}');
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) + 60_000);
    expect(fetchMock).toHaveBeenCalledTimes(RETRY_DELAYS_MS.length);
    expect(stored()?.map((u) => u.body)).toEqual(['{"event_id":"e3"}']);
  });

  test('on the next page view sends each kept lead at once, and drops one kept for more than a day unsent', async () => {
    const now = Date.now();
    sessionStorage.setItem(UNSENT_KEY, JSON.stringify([{ body: '{"event_id":"old"}', at: now - MAX_KEEP_MS - 1 }, { body: '{"event_id":"fresh"}', at: now - 60_000 }]));
    const fetchMock = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    start(ENDPOINT);
    await flush();
    expect(fetchMock.mock.calls.map((c) => (c as unknown[])[1])).toEqual([expect.objectContaining({ body: '{"event_id":"fresh"}' })]);
    expect(stored()).toBeNull();
  });

  test('survives corrupt or blocked storage (retries only while the page lives)', async () => {
    sessionStorage.setItem(UNSENT_KEY, 'not json');
    const fetchMock = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    expect(() => start(ENDPOINT)).not.toThrow();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(sessionStorage.getItem(UNSENT_KEY)).toBeNull();
  });
});
