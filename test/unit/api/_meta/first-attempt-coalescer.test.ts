import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFirstAttemptCoalescer,
  MAX_BATCH_BYTES,
  MAX_EVENTS_PER_REQUEST,
  MAX_REQUESTS_IN_FLIGHT,
  type CoalescerConfig,
} from '../../../../api/_meta/first-attempt-coalescer.js';

/** A post whose requests stay in flight until the test settles them. */
function manualPost() {
  const requests: { items: readonly string[]; timeoutMs: number; settle(answer: string | Error): void }[] = [];
  const post = (items: readonly string[], timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      requests.push({ items, timeoutMs, settle: (answer) => (answer instanceof Error ? reject(answer) : resolve(answer)) });
    });
  return { post, requests };
}

/** The queueing rules are easiest to see with one request out at a time; the in-flight limit has its own tests. */
const ONE: CoalescerConfig = { maxInFlight: 1 };

/** Let promise callbacks run (no timers involved). */
const drain = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

afterEach(() => {
  vi.useRealTimers();
});

describe('createFirstAttemptCoalescer', () => {
  it('posts a lone item before submit returns, alone', async () => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, ONE);
    const result = lane.submit('a', 300);
    expect(requests.map((r) => [r.items, r.timeoutMs])).toEqual([[['a'], 300]]);
    requests[0]!.settle('A');
    expect(await result).toEqual({ report: 'A', batchSize: 1 });
  });

  it('queues items behind the request in flight and sends them as one when it settles', async () => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, ONE);
    const first = lane.submit('a', 300);
    const queued = ['b', 'c', 'd'].map((item) => lane.submit(item, 300));
    expect(requests).toHaveLength(1);

    requests[0]!.settle('A');
    await drain();
    expect(requests.map((r) => r.items)).toEqual([['a'], ['b', 'c', 'd']]);
    // arrivals during the second request wait for it, and only for it
    const late = lane.submit('e', 300);
    expect(requests).toHaveLength(2);
    requests[1]!.settle('BCD');
    await drain();
    expect(requests.map((r) => r.items)).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    requests[2]!.settle('E');

    expect(await first).toEqual({ report: 'A', batchSize: 1 });
    expect(await Promise.all(queued)).toEqual(Array(3).fill({ report: 'BCD', batchSize: 3 }));
    expect(await late).toEqual({ report: 'E', batchSize: 1 });
  });

  it('is idle again once the queue is empty: the next item goes out at once', async () => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, ONE);
    const a = lane.submit('a', 300);
    requests[0]!.settle('A');
    await a;
    await drain();
    void lane.submit('b', 300);
    expect(requests.map((r) => r.items)).toEqual([['a'], ['b']]);
  });

  it.each<[string, CoalescerConfig, string[], string[][]]>([
    ['at maxEvents', { maxEvents: 2 }, ['b', 'c', 'd', 'e', 'f'], [['b', 'c'], ['d', 'e'], ['f']]],
    // 'bb' + ',' + 'cc' = 5 bytes fits; adding ',dd' would make 8
    ['at maxBytes, commas counted', { maxBytes: 5 }, ['bb', 'cc', 'dd'], [['bb', 'cc'], ['dd']]],
    ['an item over maxBytes alone', { maxBytes: 4 }, ['b', 'oversized', 'c'], [['b'], ['oversized'], ['c']]],
    ['multi-byte characters by UTF-8 bytes', { maxBytes: 5 }, ['é', 'é', 'x'], [['é', 'é'], ['x']]],
  ])('cuts a queued round %s, posting every cut at once', async (_name, config, items, expected) => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, { ...ONE, ...config });
    const first = lane.submit('a', 300);
    const queued = items.map((item) => lane.submit(item, 300));
    requests[0]!.settle('first');
    await drain();
    expect(requests.slice(1).map((r) => r.items)).toEqual(expected);
    requests.slice(1).forEach((r, i) => r.settle(`cut${i}`));
    await first;
    const sizes = (await Promise.all(queued)).map((s) => s.batchSize);
    expect(sizes).toEqual(expected.flatMap((group) => group.map(() => group.length)));
  });

  it('defaults to Meta’s 1,000-event cap and a 512 KiB body', async () => {
    expect([MAX_EVENTS_PER_REQUEST, MAX_BATCH_BYTES]).toEqual([1000, 524_288]);
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, ONE);
    void lane.submit('first', 300);
    for (let i = 0; i < 1001; i++) void lane.submit('x', 300);
    requests[0]!.settle('ok');
    await drain();
    expect(requests.slice(1).map((r) => r.items.length)).toEqual([1000, 1]);
  });

  it('gives a coalesced request the shortest timeout among its items', async () => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, ONE);
    void lane.submit('a', 300);
    void lane.submit('b', 250);
    void lane.submit('c', 200);
    requests[0]!.settle('A');
    await drain();
    expect(requests[1]?.timeoutMs).toBe(200);
  });

  it('rejects every item of a request whose post throws, and keeps serving', async () => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, ONE);
    void lane.submit('a', 300);
    const b = lane.submit('b', 300);
    const c = lane.submit('c', 300);
    requests[0]!.settle('A');
    await drain();
    requests[1]!.settle(new Error('boom'));
    await expect(b).rejects.toThrow('boom');
    await expect(c).rejects.toThrow('boom');
    await drain();
    void lane.submit('d', 300);
    expect(requests.at(-1)?.items).toEqual(['d']);
  });

  it('needs no timer to flush (nothing holds a function instance alive)', async () => {
    vi.useFakeTimers();
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, ONE);
    const all = ['a', 'b', 'c'].map((item) => lane.submit(item, 300));
    requests[0]!.settle('A');
    await drain();
    requests[1]!.settle('BC');
    expect(vi.getTimerCount()).toBe(0);
    expect((await Promise.all(all)).map((s) => s.batchSize)).toEqual([1, 2, 2]);
  });

  it('posts at once, alone, while fewer than maxInFlight requests are out; then queues', async () => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, { maxInFlight: 2 });
    const a = lane.submit('a', 300);
    const b = lane.submit('b', 300);
    expect(requests.map((r) => r.items)).toEqual([['a'], ['b']]);
    const queued = ['c', 'd'].map((item) => lane.submit(item, 300));
    expect(requests).toHaveLength(2);

    // the first request to settle frees one slot: everything queued leaves in it, together
    requests[1]!.settle('B');
    await drain();
    expect(requests.map((r) => r.items)).toEqual([['a'], ['b'], ['c', 'd']]);
    // still two out ('a' and 'c,d'): the next arrival queues again
    const late = lane.submit('e', 300);
    expect(requests).toHaveLength(3);
    requests[0]!.settle('A');
    await drain();
    expect(requests.at(-1)?.items).toEqual(['e']);
    requests[2]!.settle('CD');
    requests[3]!.settle('E');

    expect(await a).toEqual({ report: 'A', batchSize: 1 });
    expect(await b).toEqual({ report: 'B', batchSize: 1 });
    expect(await Promise.all(queued)).toEqual(Array(2).fill({ report: 'CD', batchSize: 2 }));
    expect(await late).toEqual({ report: 'E', batchSize: 1 });
  });

  it('frees a slot when a request fails too', async () => {
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post, { maxInFlight: 2 });
    const a = lane.submit('a', 300);
    void lane.submit('b', 300);
    const c = lane.submit('c', 300);
    requests[0]!.settle(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await drain();
    expect(requests.map((r) => r.items)).toEqual([['a'], ['b'], ['c']]);
    requests[2]!.settle('C');
    expect(await c).toEqual({ report: 'C', batchSize: 1 });
  });

  it(`defaults to ${MAX_REQUESTS_IN_FLIGHT} requests in flight`, () => {
    expect(MAX_REQUESTS_IN_FLIGHT).toBe(3);
    const { post, requests } = manualPost();
    const lane = createFirstAttemptCoalescer(post);
    for (const item of ['a', 'b', 'c', 'd', 'e']) void lane.submit(item, 300);
    expect(requests.map((r) => r.items)).toEqual([['a'], ['b'], ['c']]);
  });
});
