import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { setRuntime } from '../../api/_config/runtime.js';
import type { Store } from '../../api/_store/store.js';
import type { Sender } from '../../api/_meta/sender.js';
import { POST, OPTIONS } from '../../api/event.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, ORIGIN, sha, testRuntime } from './ingest-support.js';

const accessControl = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));

describe('handleEvent with plain Request objects', () => {
  it('answers a preflight from an allowed origin', async () => {
    const { runtime } = await testRuntime();
    const res = await handleEvent(new Request('https://t.example.com/api/event', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } }), runtime);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
  });

  it.each([
    ['another origin', { origin: 'https://evil.example.net' }, 'origin_not_allowed'],
    ['no origin', { origin: undefined }, 'origin_missing'],
  ])('refuses %s with 403, no CORS headers, nothing stored', async (_name, headers, error) => {
    const { runtime, store } = await testRuntime();
    const res = await handleEvent(eventRequest(eventBody(), headers), runtime);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error });
    expect(accessControl(res)).toEqual([]);
    expect(store.countEntries().records).toBe(0);
  });

  it('refuses a forged Purchase with a browser user agent: 400 naming event_name, nothing stored, nothing sent', async () => {
    const { runtime, store } = await testRuntime();
    const forged = eventBody({ event_name: 'Purchase', custom_data: { value: 25_000, currency: 'USD' } });
    const res = await handleEvent(eventRequest(forged), runtime);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_event', issues: [{ path: 'event_name' }] });
    expect(store.countEntries().records).toBe(0);
  });

  it('accepts an event name the site added to ALLOWED_EVENTS, within MAX_EVENT_VALUE', async () => {
    const { runtime, store } = await testRuntime({ env: { ALLOWED_EVENTS: 'Lead,Purchase', MAX_EVENT_VALUE: '500' } });
    const body = eventBody({ event_name: 'Purchase', custom_data: { value: 499, currency: 'USD' } });
    expect((await handleEvent(eventRequest(body), runtime)).status).toBe(200);
    expect((await store.get(body['event_id'] as string))?.event_name).toBe('Purchase');
    const tooMuch = await handleEvent(eventRequest(eventBody({ event_name: 'Purchase', custom_data: { value: 501, currency: 'USD' } })), runtime);
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.json()).toMatchObject({ issues: [{ path: 'custom_data.value' }] });
  });

  it('answers 405 for other methods', async () => {
    const { runtime } = await testRuntime();
    const res = await handleEvent(new Request('https://t.example.com/api/event', { headers: { origin: ORIGIN } }), runtime);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  const nasty: [string, string, Record<string, string>, number, string][] = [
    ['form-encoded body', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
    ['truncated JSON', '{"event_id":', {}, 400, 'malformed_json'],
    ['JSON null', 'null', {}, 400, 'invalid_event'],
    ['JSON array', '[1,2]', {}, 400, 'invalid_event'],
    ['JSON number', '42', {}, 400, 'invalid_event'],
    ['deeply nested array', '['.repeat(20_000) + ']'.repeat(20_000), {}, 400, 'invalid_event'],
    ['a 70 KB body', JSON.stringify(eventBody({ pad: 'x'.repeat(70_000) })), {}, 413, 'payload_too_large'],
    // seconds instead of ms are not refused: they read as a clock far behind and the receive time is sent (ingest.test.ts)
    ['a fractional event_time', JSON.stringify(eventBody({ event_time: 1_795_000_000_000.5 })), {}, 400, 'invalid_event'],
    ['bad uuid', JSON.stringify(eventBody({ event_id: 'not-a-uuid' })), {}, 400, 'invalid_event'],
    ['ftp page url', JSON.stringify(eventBody({ event_source_url: 'ftp://example.com/x' })), {}, 400, 'invalid_event'],
    ['nested custom_data', JSON.stringify(eventBody({ custom_data: { a: { b: 1 } } })), {}, 400, 'invalid_event'],
  ];
  it.each(nasty)('answers %s with a 4xx listing the problem, never a 5xx', async (_name, body, headers, status, error) => {
    const { runtime, store } = await testRuntime();
    const res = await handleEvent(eventRequest(body, headers), runtime);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; issues?: unknown[] };
    expect(json.error).toBe(error);
    if (error === 'invalid_event') expect(json.issues?.length).toBeGreaterThan(0);
    // CORS headers are present so the widget can read why
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(store.countEntries().records).toBe(0);
  });

  it('answers 503 with Retry-After when the store is down, and sends nothing', async () => {
    let sent = 0;
    const brokenStore: Store = {
      claim: () => Promise.reject(new Error('connection refused')),
      save: () => Promise.reject(new Error('down')),
      get: () => Promise.resolve(null),
      getRaw: () => Promise.resolve(null),
      listDue: () => Promise.resolve([]),
      listRecent: () => Promise.resolve([]),
      withdrawVisitor: () => Promise.reject(new Error('down')),
      clearWithdrawal: () => Promise.reject(new Error('down')),
      claimDue: () => Promise.reject(new Error('down')),
      getPause: () => Promise.reject(new Error('down')),
      setPause: () => Promise.reject(new Error('down')),
      clearPause: () => Promise.reject(new Error('down')),
      listLog: () => Promise.reject(new Error('down')),
      summarize: () => Promise.reject(new Error('down')),
      saveIfUnchanged: () => Promise.reject(new Error('down')),
      erase: () => Promise.reject(new Error('down')),
      parkOrFind: () => Promise.reject(new Error('down')),
      completeJoin: () => Promise.reject(new Error('down')),
      claimParkedDue: () => Promise.reject(new Error('down')),
      dropParked: () => Promise.reject(new Error('down')),
    };
    const sender: Sender = { kind: 'live', send: async () => ((sent += 1), { state: 'sent', attempts: [] }) };
    const { runtime } = await testRuntime({ overrides: { store: brokenStore, sender } });
    const res = await handleEvent(eventRequest(eventBody()), runtime);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: 'store_unavailable', message: 'temporarily unavailable; retry later' });
    expect(sent).toBe(0);
  });

  it('in dry-run, records the exact payload as sent with a dry_run marker and logs no PII', async () => {
    const lines: string[] = [];
    const { runtime, store } = await testRuntime({ overrides: { dryRunWrite: (l) => lines.push(l) } });
    const body = eventBody();
    const res = await handleEvent(eventRequest(body), runtime);
    expect(await res.json()).toEqual({ event_id: body['event_id'], status: 'sent', reason: 'dry_run' });
    const record = await store.get(body['event_id'] as string);
    expect(record?.payload?.user_data.em).toEqual([sha(CANARY.emailNormalized)]);
    expect(record?.attempts[0]?.fbtrace_id).toBe('dry-run');
    expect(lines).toHaveLength(1);
    for (const secret of [CANARY.email, CANARY.emailNormalized, CANARY.ip, CANARY.firstName]) expect(lines[0]).not.toContain(secret);
  });
});

describe('api/event.ts exports', () => {
  afterEach(() => setRuntime(undefined));

  it('POST and OPTIONS delegate to the shared runtime', async () => {
    const { runtime, store } = await testRuntime();
    setRuntime(runtime);
    const body = eventBody();
    const res = await POST(eventRequest(body));
    expect(res.status).toBe(200);
    expect((await store.get(body['event_id'] as string))?.state).toBe('sent');
    expect((await OPTIONS(new Request('https://t.example.com/api/event', { method: 'OPTIONS', headers: { origin: ORIGIN } }))).status).toBe(204);
  });

  it('answers 500 server_misconfigured when the environment is invalid, naming the variable only in the server log', async () => {
    const saved = process.env['ALLOWED_ORIGINS'];
    process.env['ALLOWED_ORIGINS'] = 'not an origin';
    try {
      const res = await POST(eventRequest(eventBody()));
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'server_misconfigured' });
    } finally {
      if (saved === undefined) delete process.env['ALLOWED_ORIGINS'];
      else process.env['ALLOWED_ORIGINS'] = saved;
    }
  });

  it('answers 500 server_misconfigured in production without a durable store, logging the missing variables', async () => {
    const names = ['VERCEL_ENV', 'CONSENT_ID_SALT', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'KV_REST_API_URL', 'KV_REST_API_TOKEN'];
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    for (const name of names) delete process.env[name];
    process.env['VERCEL_ENV'] = 'production';
    process.env['CONSENT_ID_SALT'] = 'a-long-enough-salt-value';
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await POST(eventRequest(eventBody()));
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'server_misconfigured' });
      expect(logged.mock.calls.flat().join('\n')).toMatch(/UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN/);
    } finally {
      logged.mockRestore();
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});
