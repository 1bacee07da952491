import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAdminDeadLetters } from '../../api/_http/handlers/admin-dead-letters.js';
import { handleAdminErase } from '../../api/_http/handlers/admin-erase.js';
import { handleAdminLog } from '../../api/_http/handlers/admin-log.js';
import { handleAdminResend } from '../../api/_http/handlers/admin-resend.js';
import { handleAdminSummary } from '../../api/_http/handlers/admin-summary.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { ADMIN_AUTH_FAILURES } from '../../api/_http/rate-limits.js';
import type { Runtime } from '../../api/_config/runtime.js';
import { createMemoryLimiter } from '../../api/_store/limiter-memory.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, testRuntime, type TestRuntime } from './ingest-support.js';

// Issue 12 items 1, 3, 5 and issue 10 item 3 through the handlers: the log API, erasure,
// dead letters and re-send, the admin token gate, and no raw PII or secret in any answer.

const TOKEN = CANARY.adminToken;
let fake: FakeGraph;
beforeAll(async () => {
  fake = await startFakeGraph({ accessToken: CANARY.accessToken });
});
afterAll(() => fake.close());

async function setup(env: Record<string, string> = {}): Promise<TestRuntime> {
  fake.reset();
  return testRuntime({ graphUrl: fake.url, pixelId: fake.pixelId, env: { ADMIN_TOKEN: TOKEN, ...env }, overrides: { limiter: createMemoryLimiter(), log: () => {} } });
}

function adminRequest(path: string, options: { token?: string | null; method?: string; body?: unknown; ip?: string } = {}): Request {
  const headers = new Headers({ 'x-forwarded-for': options.ip ?? '198.51.100.20' });
  if (options.token !== null) headers.set('authorization', `Bearer ${options.token ?? TOKEN}`);
  const method = options.method ?? 'GET';
  const withBody = options.body !== undefined && method !== 'GET';
  if (withBody) headers.set('content-type', 'application/json');
  return new Request(`https://t.example.com${path}`, { method, headers, ...(withBody ? { body: JSON.stringify(options.body) } : {}) });
}

/** The answer's full text (headers and body), for the no-leak checks. */
async function text(res: Response): Promise<string> {
  return `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.clone().text()}`;
}

const RAW_VALUES = [CANARY.email, CANARY.emailNormalized, CANARY.phone, CANARY.phoneDigits, CANARY.firstName, CANARY.lastName, CANARY.city, CANARY.ip, CANARY.accessToken, TOKEN];

function expectNoLeak(output: string): void {
  for (const value of RAW_VALUES) expect(output.toLowerCase()).not.toContain(value.toLowerCase());
}

/** A sent, a failed, a suppressed and a filtered event, oldest first. */
async function seed(t: TestRuntime): Promise<Record<'sent' | 'failed' | 'suppressed' | 'filtered', string>> {
  const ids = { sent: '', failed: '', suppressed: '', filtered: '' };
  const post = async (body: Record<string, unknown>) => {
    t.clock.now += 1000;
    await handleEvent(eventRequest(body), t.runtime);
    return body['event_id'] as string;
  };
  ids.sent = await post(eventBody());
  fake.fail(1, 100);
  ids.failed = await post(eventBody({ user: { email: 'bob.lee@example.org', phone: CANARY.phone, first_name: CANARY.firstName }, source: { tool: 'hubspot', form: 'quote' } }));
  ids.suppressed = await post(eventBody({ consent: { ads: 'denied', gpc: false } }));
  ids.filtered = await post(eventBody({ user: { email: 'lead@mailinator.com' } }));
  return ids;
}

describe('admin token gate', () => {
  it.each([
    ['missing', null],
    ['wrong', 'wrong-token-wrong-token-wrong'],
    ['almost right (one character short)', TOKEN.slice(0, -1)],
    ['almost right (one character more)', `${TOKEN}x`],
    ['almost right (last character changed)', `${TOKEN.slice(0, -1)}X`],
  ])('answers 401 for a %s token, never echoing the token', async (_name, token) => {
    const { runtime } = await setup();
    const res = await handleAdminLog(adminRequest('/api/admin/log', { token }), runtime);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expectNoLeak(await text(res));
  });

  it('answers 401 when ADMIN_TOKEN is unset, whatever is sent', async () => {
    const t = await testRuntime({ overrides: { limiter: createMemoryLimiter(), log: () => {} } });
    const res = await handleAdminLog(adminRequest('/api/admin/log', { token: '' }), t.runtime);
    expect(res.status).toBe(401);
  });

  it('rate-limits repeated failures from one IP (then even the right token waits); another IP is unaffected', async () => {
    const { runtime } = await setup();
    for (let i = 0; i < ADMIN_AUTH_FAILURES.limit; i += 1) expect((await handleAdminLog(adminRequest('/api/admin/log', { token: `guess-${i}` }), runtime)).status).toBe(401);
    const limited = await handleAdminLog(adminRequest('/api/admin/log', { token: 'one-more-guess' }), runtime);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await handleAdminLog(adminRequest('/api/admin/log'), runtime)).status).toBe(429);
    expect((await handleAdminLog(adminRequest('/api/admin/log', { ip: '198.51.100.99' }), runtime)).status).toBe(200);
  });

  it('guards every admin route', async () => {
    const { runtime } = await setup();
    const routes: [(r: Request, rt: Runtime) => Promise<Response>, string, string][] = [
      [handleAdminSummary, '/api/admin/summary', 'GET'],
      [handleAdminDeadLetters, '/api/admin/dead-letters', 'GET'],
      [handleAdminResend, '/api/admin/resend', 'POST'],
      [handleAdminErase, '/api/admin/erase', 'POST'],
    ];
    for (const [handler, path, method] of routes) {
      const res = await handler(adminRequest(path, { token: 'nope-nope-nope-nope-nope', method, body: { email: CANARY.email } }), runtime);
      expect(res.status).toBe(401);
    }
  });
});

describe('GET /api/admin/log', () => {
  it('lists newest first with masked email, page, tool, state and Meta’s answer; free of raw PII', async () => {
    const t = await setup();
    const ids = await seed(t);
    const res = await handleAdminLog(adminRequest('/api/admin/log'), t.runtime);
    expect(res.status).toBe(200);
    const output = await text(res);
    expectNoLeak(output);
    const { events } = (await res.json()) as { events: Record<string, unknown>[] };
    expect(events.map((e) => e['event_id'])).toEqual([ids.filtered, ids.suppressed, ids.failed, ids.sent]);
    expect(events[3]).toMatchObject({ state: 'sent', email: 'c***@example.org', page: 'www.example.com/contact', tool: 'webflow', form: 'contact', meta: { status: 200, outcome: 'ok' } });
    expect(events[2]).toMatchObject({ state: 'failed', email: 'b***@example.org', meta: { code: 100, outcome: 'permanent' } });
    expect((events[2]!['meta'] as { fbtrace_id?: string }).fbtrace_id).toBeTruthy();
    expect(events[1]).toMatchObject({ state: 'suppressed', reason: 'denied', email: null });
    expect(events[0]).toMatchObject({ state: 'filtered', reason: 'disposable_email' });
  });

  it('filters by state, tool and time, pages with a cursor, and refuses a bad query with 400 naming the field', async () => {
    const t = await setup();
    const ids = await seed(t);
    const get = async (q: string) => (await (await handleAdminLog(adminRequest(`/api/admin/log?${q}`), t.runtime)).json()) as { events: { event_id: string }[]; next_cursor: string | null };
    expect((await get('state=failed')).events.map((e) => e.event_id)).toEqual([ids.failed]);
    expect((await get('tool=hubspot')).events.map((e) => e.event_id)).toEqual([ids.failed]);
    const first = await get('limit=3');
    expect(first.events).toHaveLength(3);
    expect((await get(`limit=3&cursor=${first.next_cursor}`)).events.map((e) => e.event_id)).toEqual([ids.sent]);
    const sentAt = (await t.runtime.store.get(ids.sent))!.received_at;
    expect((await get(`to=${new Date(sentAt).toISOString()}`)).events.map((e) => e.event_id)).toEqual([ids.sent]);
    const bad = await handleAdminLog(adminRequest('/api/admin/log?state=lost&limit=500&from=yesterday'), t.runtime);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['limit', 'state', 'from']);
  });

  it('finds an event by email or phone as typed (normalized and hashed on the server), also after the raw receipt is gone', async () => {
    const t = await setup();
    const ids = await seed(t);
    // searched in a POST body: a URL carrying the value would put it into access logs
    const search = async (q: string) => {
      const res = await handleAdminLog(adminRequest('/api/admin/log', { method: 'POST', body: Object.fromEntries(new URLSearchParams(q)) }), t.runtime);
      expectNoLeak(await text(res));
      return ((await res.json()) as { events: { event_id: string; email: string }[] }).events;
    };
    expect((await search(`email=${encodeURIComponent(CANARY.email)}`)).map((e) => e.event_id)).toEqual([ids.sent]);
    // Bob's failed lead carried the same phone: both are found by it, newest first
    expect((await search(`phone=${encodeURIComponent(CANARY.phone)}`)).map((e) => e.event_id)).toEqual([ids.failed, ids.sent]);
    t.clock.now += 8 * 86_400_000; // past DATA_RETENTION_DAYS: the raw receipt expired
    const later = await search(`email=${encodeURIComponent(CANARY.email.toUpperCase())}`);
    expect(later.map((e) => e.event_id)).toEqual([ids.sent]);
    expect(later[0]!.email).toBe('hashed');
    expect(await t.runtime.store.getRaw(ids.sent)).toBeNull();
    const bad = await handleAdminLog(adminRequest('/api/admin/log', { method: 'POST', body: { email: 'not-an-email' } }), t.runtime);
    expect(bad.status).toBe(400);
    const inUrl = await handleAdminLog(adminRequest(`/api/admin/log?email=${encodeURIComponent(CANARY.email)}`), t.runtime);
    expect(inUrl.status).toBe(400);
    expectNoLeak(await text(inUrl));
    expect(((await inUrl.json()) as { issues: { path: string; message: string }[] }).issues[0]).toMatchObject({ path: 'email', message: expect.stringMatching(/POST body/) });
  });

  it('shows one event: what arrived (masked), what was sent (hashed), each attempt with fbtrace_id, and a plain explanation', async () => {
    const t = await setup();
    const ids = await seed(t);
    const res = await handleAdminLog(adminRequest(`/api/admin/log?id=${ids.failed}`), t.runtime);
    expectNoLeak(await text(res));
    const { event } = (await res.json()) as { event: Record<string, any> };
    expect(event['arrived'].fields).toMatchObject({ email: 'b***@example.org', phone: '***99', first_name: 'Z***' });
    expect(event['arrived'].client_ip_address).toBe('203.0.113.x');
    expect(event['sent'].user_data.em[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(event['sent'].user_data.client_ip_address).toBe('203.0.113.x');
    expect(event['attempts'][0].fbtrace_id).toBeTruthy();
    expect(event['explanation'].join(' ')).toMatch(/dead letter/);
    expect(event['explanation'].join(' ')).toMatch(/Too little customer information/);
    expect((await handleAdminLog(adminRequest('/api/admin/log?id=nope'), t.runtime)).status).toBe(404);
  });
});

describe('GET /api/admin/summary', () => {
  it('counts states for 24 h and 7 d and the levers of sent events, and warns about a test code in production', async () => {
    // production needs a durable store named in env; the test runtime still hands in its own memory store
    const durable = { UPSTASH_REDIS_REST_URL: 'https://unused.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'unused-token' };
    const t = await setup({ META_TEST_EVENT_CODE: 'TEST123', VERCEL_ENV: 'production', CONSENT_ID_SALT: 'a-salt-of-sixteen-chars', ...durable });
    await seed(t);
    const body = (await (await handleAdminSummary(adminRequest('/api/admin/summary'), t.runtime)).json()) as Record<string, any>;
    expect(body['last_24h']).toEqual({ sent: 1, failed: 1, suppressed: 1, filtered: 1 });
    expect(body['sent_7d']).toBe(1);
    const levers = Object.fromEntries((body['levers'] as { key: string; share: number }[]).map((l) => [l.key, l.share]));
    expect(levers).toMatchObject({ em: 1, ph: 1, fbc: 1, external_id: 0 });
    expect((body['levers'] as { key: string; advice?: string }[]).find((l) => l.key === 'external_id')?.advice).toMatch(/external_id/);
    expect(body['warnings'].map((w: { code: string }) => w.code)).toEqual(['test_event_code_in_production']);

    const preview = await setup({ META_TEST_EVENT_CODE: 'TEST123', VERCEL_ENV: 'preview' });
    expect(((await (await handleAdminSummary(adminRequest('/api/admin/summary'), preview.runtime)).json()) as Record<string, any>)['warnings']).toEqual([]);
  });
});

describe('GET /api/admin/summary while sending is paused', () => {
  it('warns while the current token is the refused one, and not once a new token replaced it', async () => {
    const t = await setup();
    const { tokenFingerprint } = await import('../../api/_pipeline/pause.js');
    await t.runtime.store.setPause({ reason: 'meta_error_190_463', token_fingerprint: tokenFingerprint(t.runtime.env.metaAccessToken), since: t.clock.now });
    const paused = await handleAdminSummary(adminRequest('/api/admin/summary'), t.runtime);
    const text = JSON.stringify(await paused.json());
    expect(text).toContain('sending_paused');
    expect(text).toContain('meta_error_190_463');
    expect(text).not.toContain(t.runtime.env.metaAccessToken!);
    await t.runtime.store.setPause({ reason: 'meta_error_190', token_fingerprint: tokenFingerprint('an-older-token'), since: t.clock.now });
    const replaced = (await (await handleAdminSummary(adminRequest('/api/admin/summary'), t.runtime)).json()) as { warnings: { code: string }[] };
    expect(replaced.warnings.map((w) => w.code)).not.toContain('sending_paused');
  });
});

describe('dead letters and re-send (issue 10 item 3)', () => {
  it('lists failed events newest first with Meta’s code, message and fbtrace_id', async () => {
    const t = await setup();
    const ids = await seed(t);
    const body = (await (await handleAdminDeadLetters(adminRequest('/api/admin/dead-letters'), t.runtime)).json()) as { dead_letters: Record<string, unknown>[] };
    expect(body.dead_letters).toHaveLength(1);
    expect(body.dead_letters[0]).toMatchObject({ event_id: ids.failed, code: 100, subcode: 2804050, resendable: true, reason: 'meta_error_100' });
    expect(body.dead_letters[0]!['fbtrace_id']).toBeTruthy();
    expect(body.dead_letters[0]!['message']).toBeTruthy();
  });

  it('re-sends a dead letter once from its stored payload; a sent event is refused', async () => {
    const t = await setup();
    const ids = await seed(t);
    const before = fake.requests.length;
    const res = await handleAdminResend(adminRequest('/api/admin/resend', { method: 'POST', body: { event_id: ids.failed } }), t.runtime);
    expect(await res.json()).toEqual({ event_id: ids.failed, state: 'sent' });
    expect(fake.requests.length).toBe(before + 1);
    const record = await t.runtime.store.get(ids.failed);
    expect(record?.state).toBe('sent');
    expect(record?.attempts.map((a) => a.outcome)).toEqual(['permanent', 'ok']);
    const again = await handleAdminResend(adminRequest('/api/admin/resend', { method: 'POST', body: { event_id: ids.failed } }), t.runtime);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_sent' });
    expect(fake.requests.length).toBe(before + 1);
  });

  it('two re-sends at once send once', async () => {
    const t = await setup();
    const ids = await seed(t);
    const before = fake.requests.length;
    const [a, b] = await Promise.all([
      handleAdminResend(adminRequest('/api/admin/resend', { method: 'POST', body: { event_id: ids.failed } }), t.runtime),
      handleAdminResend(adminRequest('/api/admin/resend', { method: 'POST', body: { event_id: ids.failed } }), t.runtime),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('leaves a leased re-send out of the due list until the lease ends, so a sweep cannot send it too', async () => {
    const t = await setup();
    const ids = await seed(t);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = { kind: 'live' as const, send: async () => (await gate, { state: 'sent' as const, attempts: [] }) };
    const resending = (await import('../../api/_pipeline/dead-letters.js')).resendDeadLetter(ids.failed, { ...t.runtime, sender: slow });
    await new Promise((r) => setTimeout(r, 20));
    expect((await t.runtime.store.get(ids.failed))?.state).toBe('received');
    expect(await t.runtime.store.listDue(t.clock.now, 100)).not.toContain(ids.failed);
    expect(await t.runtime.store.listDue(t.clock.now + 60_000, 100)).toContain(ids.failed); // a crashed re-send is the sweeper's after the lease
    release();
    expect(await resending).toEqual({ kind: 'delivered', state: 'sent' });
    expect(await t.runtime.store.listDue(t.clock.now + 60_000, 100)).not.toContain(ids.failed);
  });

  it('refuses an event too old for Meta, one still in flight, a non-dead-letter and an unknown id, clearly', async () => {
    const t = await setup();
    const ids = await seed(t);
    const resend = async (id: unknown) => handleAdminResend(adminRequest('/api/admin/resend', { method: 'POST', body: { event_id: id } }), t.runtime);
    expect((await resend(ids.suppressed)).status).toBe(409);
    expect((await resend('no-such-event')).status).toBe(404);
    expect((await resend(42)).status).toBe(400);
    t.clock.now += 7 * 86_400_000;
    const old = await resend(ids.failed);
    expect(old.status).toBe(409);
    expect(await old.json()).toMatchObject({ error: 'too_old', message: expect.stringMatching(/7 days/) });
  });
});

describe('re-send after the raw receipt expired', () => {
  it('refuses, clearly: without the receipt the payload has no IP, browser or click ids left to send', async () => {
    const t = await setup({ DATA_RETENTION_DAYS: '1' });
    const ids = await seed(t);
    t.clock.now += 2 * 86_400_000; // past the raw retention, still inside Meta's 7 days
    const before = fake.requests.length;
    const res = await handleAdminResend(adminRequest('/api/admin/resend', { method: 'POST', body: { event_id: ids.failed } }), t.runtime);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'receipt_expired', message: expect.stringMatching(/DATA_RETENTION_DAYS/) });
    expect(fake.requests.length).toBe(before);
  });
});

describe('POST /api/admin/erase', () => {
  it('erases one person by email and answers what was removed; others stay; a repeat finds nothing', async () => {
    const t = await setup();
    const ids = await seed(t);
    const res = await handleAdminErase(adminRequest('/api/admin/erase', { method: 'POST', body: { email: CANARY.email } }), t.runtime);
    expectNoLeak(await text(res));
    expect(await res.json()).toEqual({ erased: { records: 1, raw_receipts: 1, idempotency_keys: 1, index_entries: 1 } });
    expect(await t.runtime.store.get(ids.sent)).toBeNull();
    expect(await t.runtime.store.get(ids.failed)).not.toBeNull();
    const search = (await (await handleAdminLog(adminRequest('/api/admin/log', { method: 'POST', body: { phone: CANARY.phone } }), t.runtime)).json()) as { events: unknown[] };
    expect(search.events).toHaveLength(1); // the phone entry of Bob's failed event (same canary phone) remains
    const again = await handleAdminErase(adminRequest('/api/admin/erase', { method: 'POST', body: { email: CANARY.email } }), t.runtime);
    expect(await again.json()).toEqual({ erased: { records: 0, raw_receipts: 0, idempotency_keys: 0, index_entries: 0 } });
  });

  it('answers 400 naming what is wrong', async () => {
    const t = await setup();
    const erase = async (body: unknown) => handleAdminErase(adminRequest('/api/admin/erase', { method: 'POST', body }), t.runtime);
    for (const [body, path] of [[{}, ''], [{ email: 'nope' }, 'email'], [{ phone: 5 }, 'phone'], [[1], '']] as const) {
      const res = await erase(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe(path);
    }
  });
});
