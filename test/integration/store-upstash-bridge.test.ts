import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailableOrSkip } from '../support/redis.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { testPrefix } from './store-harness.js';

// The bridge is only worth its name if it speaks Upstash's wire format (docs/platform.md §4.2),
// so these tests talk to it with plain fetch, not through @upstash/redis.
let bridge: UpstashBridge | undefined;
const p = testPrefix();
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${bridge!.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bridge!.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
const base64 = { 'Upstash-Encoding': 'base64' };

beforeAll(async () => {
  if (await redisAvailableOrSkip('upstash bridge')) bridge = await startUpstashBridge();
});

afterAll(async () => {
  if (bridge) await post('/', ['DEL', `${p}s`, `${p}n`, `${p}t`, `${p}z`]);
  await bridge?.close();
});

describe('Upstash REST bridge', () => {
  it('answers single commands with {result}, raw without the encoding header', async (ctx) => {
    if (!bridge) return ctx.skip();
    expect(await post('/', ['SET', `${p}s`, 'héllo'])).toEqual({ status: 200, body: { result: 'OK' } });
    expect(await post('/', ['GET', `${p}s`])).toEqual({ status: 200, body: { result: 'héllo' } });
    expect(await post('/', ['GET', `${p}missing`])).toEqual({ status: 200, body: { result: null } });
  });

  it.for([
    ['a string as base64', ['GET', `${p}s`], b64('héllo')],
    ['a top-level OK raw', ['SET', `${p}t`, 'x'], 'OK'],
    ['numbers raw', ['INCR', `${p}n`], 1],
    ['null raw', ['GET', `${p}missing`], null],
    ['nested arrays element by element', ['EVAL', 'return {1, "OK", {false, "b"}}', '0'], [1, b64('OK'), [null, b64('b')]]],
  ] as [string, string[], unknown][])('with Upstash-Encoding: base64 encodes %s', async ([, command, expected], ctx) => {
    if (!bridge) return ctx.skip();
    await post('/', ['SET', `${p}s`, 'héllo']);
    expect(await post('/', command, base64)).toEqual({ status: 200, body: { result: expected } });
  });

  it('answers a Redis error with 400 {error}', async (ctx) => {
    if (!bridge) return ctx.skip();
    const { status, body } = await post('/', ['INCR', `${p}s`]);
    expect(status).toBe(400);
    expect(body).toEqual({ error: expect.stringContaining('not an integer') });
  });

  it('refuses a wrong token with 401', async (ctx) => {
    if (!bridge) return ctx.skip();
    expect(await post('/', ['PING'], { authorization: 'Bearer nope' })).toEqual({ status: 401, body: { error: 'Unauthorized' } });
  });

  it('answers a pipeline item by item, errors included', async (ctx) => {
    if (!bridge) return ctx.skip();
    const { status, body } = await post('/pipeline', [['SET', `${p}s`, 'v'], ['INCR', `${p}s`], ['GET', `${p}s`]], base64);
    expect(status).toBe(200);
    expect(body).toEqual([{ result: 'OK' }, { error: expect.stringContaining('not an integer') }, { result: b64('v') }]);
  });

  it('runs /multi-exec as one MULTI/EXEC', async (ctx) => {
    if (!bridge) return ctx.skip();
    await post('/', ['SET', `${p}t`, 'x']);
    const { status, body } = await post('/multi-exec', [['ZADD', `${p}z`, '2', 'b'], ['ZADD', `${p}z`, '1', 'a'], ['ZRANGE', `${p}z`, '0', '-1']], base64);
    expect(status).toBe(200);
    expect(body).toEqual([{ result: 1 }, { result: 1 }, { result: [b64('a'), b64('b')] }]);
    // A command Redis rejects while queueing aborts the whole transaction: one error, nothing applied.
    const aborted = await post('/multi-exec', [['SET', `${p}t`, 'applied?'], ['NOSUCHCOMMAND']]);
    expect(aborted).toEqual({ status: 400, body: { error: expect.stringContaining('EXECABORT') } });
    expect(await post('/', ['GET', `${p}t`])).toEqual({ status: 200, body: { result: 'x' } });
  });

  it('counts requests and can reset the count', async (ctx) => {
    if (!bridge) return ctx.skip();
    bridge.resetRequestCount();
    await post('/', ['PING']);
    await post('/pipeline', [['PING']]);
    expect(bridge.requestCount).toBe(2);
    expect(bridge.requestPaths).toEqual(['/', '/pipeline']);
  });
});
