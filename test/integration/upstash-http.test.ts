import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUpstashClient } from '../../api/_store/upstash-client.js';
import { nodeHttpRequester } from '../../api/_store/upstash-http.js';
import { createRedisStore } from '../../api/_store/redis.js';
import { redisAvailableOrSkip } from '../support/redis.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { testPrefix } from './store-harness.js';

/** A server that records each request and answers with what `reply` says. */
async function recordingServer(reply: (body: string, headers: http.IncomingHttpHeaders) => { status: number; body: string; headers?: Record<string, string>; delayMs?: number }) {
  const seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      const answer = reply(body, req.headers);
      setTimeout(() => res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body), answer.delayMs ?? 0);
    });
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the node:http requester of the Upstash client', () => {
  it('posts the command as JSON with the bearer token, and returns the answer as it came (no base64)', async () => {
    const server = await recordingServer(() => ({ status: 200, body: '{"result":"héllo"}' }));
    try {
      const requester = nodeHttpRequester({ url: `${server.url}/`, token: 'tok', timeoutMs: 2_000 });
      expect(await requester.request({ body: ['GET', 'k'] })).toEqual({ result: 'héllo' });
      expect(await requester.request({ path: ['pipeline'], body: [['GET', 'k']] })).toEqual({ result: 'héllo' });
      expect(server.seen.map((r) => [r.path, r.body, r.headers.authorization, r.headers['content-type'], r.headers['upstash-encoding']])).toEqual([
        ['/', '["GET","k"]', 'Bearer tok', 'application/json', undefined],
        ['/pipeline', '[["GET","k"]]', 'Bearer tok', 'application/json', undefined],
      ]);
    } finally {
      await server.close();
    }
  });

  // The event store, the proof store and the limiter each make a client: on a cold instance they
  // must share one connection (one TLS handshake to Upstash), as fetch's global pool did.
  it('keeps one pool for every client: three clients one after another use one kept-alive connection', async () => {
    const server = await recordingServer(() => ({ status: 200, body: '{"result":1}' }));
    try {
      for (const token of ['store', 'proofs', 'limiter']) {
        await nodeHttpRequester({ url: server.url, token, timeoutMs: 2_000 }).request({ body: ['PING'] });
      }
      expect(server.seen.map((r) => r.headers.authorization)).toEqual(['Bearer store', 'Bearer proofs', 'Bearer limiter']);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('passes the read-your-writes token on: what one answer carries, the next request sends', async () => {
    let n = 0;
    const server = await recordingServer(() => ({ status: 200, body: '{"result":1}', headers: { 'upstash-sync-token': `sync-${++n}` } }));
    try {
      const requester = nodeHttpRequester({ url: server.url, token: 'tok', timeoutMs: 2_000 });
      await requester.request({ body: ['INCR', 'k'] });
      await requester.request({ body: ['GET', 'k'] });
      expect(server.seen.map((r) => r.headers['upstash-sync-token'])).toEqual(['', 'sync-1']);
    } finally {
      await server.close();
    }
  });

  it('throws an UpstashError with the server\'s error for a refused command, and a TimeoutError (not Upstash-named) for a store that does not answer', async () => {
    const server = await recordingServer((body) => (body.includes('SLOW') ? { status: 200, body: '{"result":1}', delayMs: 500 } : { status: 400, body: '{"error":"ERR unknown command"}' }));
    try {
      const requester = nodeHttpRequester({ url: server.url, token: 'tok', timeoutMs: 100 });
      const refused = await requester.request({ body: ['NOPE', 'secret@example.com'] }).catch((e: Error) => e);
      expect(refused).toMatchObject({ name: 'UpstashError', message: 'ERR unknown command' });
      // The command (which may hold hashed PII) is not echoed in the message.
      expect(String((refused as Error).message)).not.toContain('secret');
      const slow = await requester.request({ body: ['SLOW'] }).catch((e: Error) => e);
      expect(slow).toMatchObject({ name: 'TimeoutError' });
      const notJson = await recordingServer(() => ({ status: 502, body: '<html>bad gateway</html>' }));
      try {
        const parse = await nodeHttpRequester({ url: notJson.url, token: 'tok', timeoutMs: 2_000 }).request({ body: ['GET', 'k'] }).catch((e: Error) => e);
        expect((parse as Error).name).toBe('UpstashJSONParseError');
      } finally {
        await notJson.close();
      }
    } finally {
      await server.close();
    }
  });
});

describe('createUpstashClient over the Upstash bridge', () => {
  let bridge: UpstashBridge | undefined;
  beforeAll(async () => {
    if (await redisAvailableOrSkip('upstash client')) bridge = await startUpstashBridge();
  });
  afterAll(async () => {
    await bridge?.close();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  // A process's first fetch compiles undici's WebAssembly HTTP parser (docs/platform.md §1.13): the
  // store's calls must not be what makes a cold instance pay it.
  it('runs the store without fetch, and pipelines the limiter client\'s calls of one tick into one /pipeline request', async (ctx) => {
    if (!bridge) return ctx.skip();
    vi.stubGlobal('fetch', () => Promise.reject(new Error('fetch must not be used by the store')));
    const prefix = testPrefix();
    const store = createRedisStore(createUpstashClient({ url: bridge.url, token: bridge.token }), { prefix });
    expect(await store.get('00000000-0000-4000-8000-000000000000')).toBeNull();

    const pipelined = await createUpstashClient({ url: bridge.url, token: bridge.token }, { pipelined: true })();
    bridge.resetRequestCount();
    const [a, b] = await Promise.all([pipelined.incr(`${prefix}a`), pipelined.incr(`${prefix}b`)]);
    expect([a, b]).toEqual([1, 1]);
    expect(bridge.requestPaths).toEqual(['/pipeline']);
    await pipelined.del(`${prefix}a`, `${prefix}b`);
  });
});
