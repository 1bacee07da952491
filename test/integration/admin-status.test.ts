import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime } from '../../api/_config/runtime.js';
import { handleStatus, type StatusAnswer } from '../../api/_http/handlers/status.js';
import { startDevServer, type DevServer } from '../../scripts/dev-server.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';

const ADMIN = 'admin-token-for-status-tests-0123';
let graph: FakeGraph;
let dev: DevServer;

beforeAll(async () => {
  graph = await startFakeGraph();
  dev = await startDevServer({
    port: 0,
    env: { ADMIN_TOKEN: ADMIN, META_PIXEL_ID: graph.pixelId, META_ACCESS_TOKEN: graph.accessToken, META_GRAPH_URL: graph.url, CRON_SECRET: 'cron-secret-0123456789' },
  });
});
afterAll(async () => {
  await dev.close();
  await graph.close();
});

const status = (init: RequestInit = {}, token = ADMIN) =>
  fetch(`${dev.url}/api/admin/status`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

describe('GET /api/admin/status', () => {
  it('refuses a missing or wrong bearer token with 401', async () => {
    expect((await fetch(`${dev.url}/api/admin/status`)).status).toBe(401);
    const wrong = await status({}, 'x'.repeat(ADMIN.length));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'unauthorized', message: 'send Authorization: Bearer <ADMIN_TOKEN>' });
  });

  it('says which variables are set and valid, the config, store and Meta — never a secret value', async () => {
    graph.reset();
    const res = await status();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    for (const secret of [ADMIN, graph.accessToken, 'cron-secret-0123456789']) expect(text).not.toContain(secret);
    const answer = JSON.parse(text) as StatusAnswer;
    expect(answer.env['META_ACCESS_TOKEN']).toEqual({ set: true, valid: true });
    expect(answer.env['UPSTASH_REDIS_REST_URL']).toEqual({ set: false, valid: true });
    expect(answer.config).toMatchObject({ pixelId: graph.pixelId, sender: 'live', cronSecret: true, allowedOrigins: [dev.url, expect.any(String)] });
    expect(answer.store).toEqual({ kind: 'memory', ok: true });
    expect(answer.meta).toEqual({ ok: true, checked: 'pixel' });
    expect(answer.graphVersion).toBe('v26.0');
    // the pixel read sends no event and carries the token only in a header
    expect(graph.requests.map((r) => r.method)).toEqual(['GET']);
    expect(graph.requests[0]!.url).not.toContain(graph.accessToken);
  });

  it('POST with a test code sends one test event Meta shows under Test events', async () => {
    graph.reset();
    const res = await status({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ test_event_code: 'TEST4242' }) });
    expect(((await res.json()) as StatusAnswer).meta).toEqual({ ok: true, checked: 'test_event' });
    expect(graph.requests).toHaveLength(1);
    expect(graph.requests[0]!.body).toMatchObject({ test_event_code: 'TEST4242', data: [{ event_name: 'CapiRelayDoctor', action_source: 'website' }] });
  });

  it('refuses a malformed test code with a 400 naming the field', async () => {
    const res = await status({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ test_event_code: 'no spaces!' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'test_event_code' }] });
  });

  it('reports a token Meta rejects, in plain words', async () => {
    graph.fail(1, 190);
    const answer = (await (await status()).json()) as StatusAnswer;
    expect(answer.meta).toMatchObject({ ok: false, checked: 'pixel', problem: expect.stringMatching(/^Meta rejected META_ACCESS_TOKEN \(code 190/) });
  });
});

describe('handleStatus outside the running server', () => {
  const get = () => new Request('https://t.example.test/api/admin/status', { headers: { authorization: `Bearer ${ADMIN}` } });

  it('is closed while ADMIN_TOKEN is unset or too short', async () => {
    for (const source of [{}, { ADMIN_TOKEN: 'short' }]) {
      const res = await handleStatus(get(), { source });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ message: expect.stringMatching(/^ADMIN_TOKEN is not set/) });
    }
  });

  it('still answers when the configuration does not load, naming the variable', async () => {
    const statusFor = async (source: Record<string, string>) => {
      const res = await handleStatus(get(), { source, runtime: () => createRuntime(loadEnv(source)) });
      expect(res.status).toBe(200);
      return (await res.json()) as StatusAnswer;
    };
    const badPort = await statusFor({ ADMIN_TOKEN: ADMIN, PORT: 'eighty' });
    expect(badPort.env['PORT']).toMatchObject({ set: true, valid: false });
    expect(badPort.config).toBeNull();
    const noPixel = await statusFor({ ADMIN_TOKEN: ADMIN, META_ACCESS_TOKEN: 'secret-token-value' });
    expect(noPixel.env['META_PIXEL_ID']).toEqual({ set: false, valid: false, problem: 'is required when META_ACCESS_TOKEN is set' });
    expect(noPixel.config).toBeNull();
    expect(JSON.stringify(noPixel)).not.toContain('secret-token-value');
  });

  it('says when the relay has no Meta credentials (dry run), and reports a store that does not answer', async () => {
    const source = { ADMIN_TOKEN: ADMIN };
    const runtime = await createRuntime(loadEnv(source));
    const broken = { ...runtime, store: { ...runtime.store, listRecent: () => Promise.reject(new TypeError('fetch failed')) } };
    const answer = (await (await handleStatus(get(), { source, runtime: async () => broken })).json()) as StatusAnswer;
    expect(answer.meta).toEqual({ ok: false, problem: expect.stringMatching(/dry run/) });
    expect(answer.store).toEqual({ kind: 'memory', ok: false, problem: 'the store did not answer (TypeError)' });
  });
});
