import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { handleHooks } from '../../api/_http/handlers/hooks.js';
import { handleIdentify } from '../../api/_http/handlers/identify.js';
import { sweep, type SweepLimits } from '../../api/_pipeline/sweep.js';
import { auditIdOf } from '../../api/_pipeline/join/keys.js';
import type { RetryScheduler } from '../../api/_pipeline/retry-scheduler.js';
import type { CapiServerEvent } from '../../api/_contract/records.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { startFakeToolApis, type FakeToolApis } from '../fakes/tool-apis.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, FBC, FBP, sha, testRuntime, UA, type TestRuntime } from './ingest-support.js';

// Issue #14, server side (docs/form-tools.md §22.4): a browser half and a details half — a signed
// webhook, a tool API look or POST /api/identify — become ONE event at Meta, whatever their order
// and however often each comes, with the browser half's event_time, fbc/fbp, IP and user agent and
// the details' hashed email.

const LIMITS: SweepLimits = { budgetMs: 5_000, sliceSize: 50, leaseMs: 300_000 };
const TF_SECRET = 'typeform-webhook-secret-0000';
const CALENDLY_KEY = 'calendly-signing-key-0000';
const IDENTIFY_SECRET = 'identify-secret-0000000000000';
const FORM = 'tfForm1';

let graph: FakeGraph;
let tools: FakeToolApis;
beforeAll(async () => {
  graph = await startFakeGraph({ accessToken: CANARY.accessToken });
  tools = await startFakeToolApis();
});
afterAll(async () => {
  await graph.close();
  await tools.close();
});
beforeEach(() => graph.reset());

async function relay(env: Record<string, string> = {}, scheduler?: RetryScheduler): Promise<TestRuntime> {
  return testRuntime({
    graphUrl: graph.url,
    pixelId: graph.pixelId,
    env: { TYPEFORM_WEBHOOK_SECRET: TF_SECRET, CALENDLY_WEBHOOK_SIGNING_KEY: CALENDLY_KEY, IDENTIFY_SECRET, TOOL_API_BASE: new URL(tools.base('typeform')).origin, ...env },
    ...(scheduler ? { overrides: { retryScheduler: scheduler } } : {}),
  });
}

/** What the page posts when a Typeform embed reports a submission: ids only, no visitor data. */
function browserHalf(submissionId: string, eventTimeMs: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body = eventBody({ event_time: eventTimeMs, source: { tool: 'typeform', form: FORM, submission_id: submissionId }, ...overrides });
  delete body['user'];
  return body;
}

function typeformWebhook(submissionId: string, eventId?: string): string {
  return JSON.stringify({
    event_id: 'delivery-1',
    event_type: 'form_response',
    form_response: {
      form_id: FORM,
      token: submissionId,
      submitted_at: '2026-12-06T02:00:00Z',
      ...(eventId ? { hidden: { event_id: eventId } } : {}),
      answers: [
        { type: 'email', email: CANARY.email, field: { id: 'f1', ref: 'email', type: 'email' } },
        { type: 'text', text: 'please call me', field: { id: 'f2', ref: 'message', type: 'long_text' } },
      ],
    },
  });
}

function hookRequest(tool: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`https://t.example.com/api/hooks/${tool}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const typeformSigned = (body: string, secret = TF_SECRET) => hookRequest('typeform', body, { 'typeform-signature': `sha256=${createHmac('sha256', secret).update(body).digest('base64')}` });

function identifyRequest(body: unknown, secret: string | undefined = IDENTIFY_SECRET): Request {
  return new Request('https://t.example.com/api/identify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** Every event the fake Graph API received. */
const sentEvents = (): CapiServerEvent[] => graph.requests.flatMap((r) => (r.body as { data: CapiServerEvent[] }).data);

/** The one event at Meta: the browser half's time and device, the details' hashed email, nothing else of the person. */
function expectOneJoinedEvent(eventId: string, eventTimeMs: number): void {
  const events = sentEvents();
  expect(events).toHaveLength(1);
  const [event] = events;
  expect(event!.event_id).toBe(eventId);
  expect(event!.event_time).toBe(Math.floor(eventTimeMs / 1000));
  expect(event!.user_data).toEqual({ em: [sha(CANARY.emailNormalized)], client_ip_address: CANARY.ip, client_user_agent: UA, fbc: FBC, fbp: FBP });
}

async function post(t: TestRuntime, body: Record<string, unknown>): Promise<{ status: string }> {
  const res = await handleEvent(eventRequest(body), t.runtime);
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string };
}

async function hook(t: TestRuntime, request: Request): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await handleHooks(request, t.runtime);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the iframe join: webhook', () => {
  it('browser half first: stored as waiting, nothing to Meta; the signed webhook joins it into one event', async () => {
    const t = await relay();
    const submittedAt = t.clock.now - 2_000;
    const body = browserHalf('resp-1', submittedAt);
    expect(await post(t, body)).toMatchObject({ status: 'waiting' });
    expect(graph.requests).toHaveLength(0);
    expect((await t.store.get(body['event_id'] as string))?.join).toMatchObject({ via: 'typeform', looks: 0 });

    t.clock.now += 3_000;
    expect(await hook(t, typeformSigned(typeformWebhook('resp-1')))).toEqual({ status: 200, body: { status: 'joined', event_id: body['event_id'], state: 'sent' } });
    expectOneJoinedEvent(body['event_id'] as string, submittedAt);
    const record = await t.store.get(body['event_id'] as string);
    expect(record?.join).toMatchObject({ outcome: 'joined', browser: { from: 'widget' }, details: { from: 'webhook', at: t.clock.now } });

    // the tool delivers again, the browser retries: still one event
    expect((await hook(t, typeformSigned(typeformWebhook('resp-1')))).body).toEqual({ status: 'already_complete', event_id: body['event_id'] });
    expect(await post(t, body)).toMatchObject({ status: 'sent' });
    expect(sentEvents()).toHaveLength(1);
  });

  // Erasure finds a person's events through the identity index; a joined event's raw receipt may outlive its
  // record (DATA_RETENTION_DAYS > AUDIT_RETENTION_DAYS), so the join files the identities for the longer one.
  it('the join files the identities for the longer of the two retentions', async () => {
    const t = await relay({ AUDIT_RETENTION_DAYS: '7', DATA_RETENTION_DAYS: '30' });
    const ttls: number[] = [];
    const completeJoin = t.store.completeJoin.bind(t.store);
    t.store.completeJoin = (input) => (ttls.push(input.recordTtlSec), completeJoin(input));
    const body = browserHalf('resp-ttl', t.clock.now - 2_000);
    expect(await post(t, body)).toMatchObject({ status: 'waiting' });
    expect((await hook(t, typeformSigned(typeformWebhook('resp-ttl')))).body).toMatchObject({ status: 'joined' });
    expect(ttls).toEqual([30 * 86_400]);
  });

  it('webhook first: parked (twice is one copy); the browser half then joins it at once', async () => {
    const t = await relay();
    const eventId = crypto.randomUUID();
    expect((await hook(t, typeformSigned(typeformWebhook('resp-2', eventId)))).body).toEqual({ status: 'parked' });
    expect((await hook(t, typeformSigned(typeformWebhook('resp-2', eventId)))).body).toEqual({ status: 'already_parked' });
    expect(t.store.countEntries().parked).toBe(1);

    const submittedAt = t.clock.now - 1_000;
    expect(await post(t, browserHalf('resp-2', submittedAt, { event_id: eventId }))).toMatchObject({ status: 'sent' });
    expectOneJoinedEvent(eventId, submittedAt);
    expect(t.store.countEntries().parked).toBe(0);
    // a late copy of the webhook finds the finished event
    expect((await hook(t, typeformSigned(typeformWebhook('resp-2', eventId)))).body).toEqual({ status: 'already_complete', event_id: eventId });
    expect(sentEvents()).toHaveLength(1);
  });

  it('the carried event id alone is enough to meet on (a browser half that knew no submission id)', async () => {
    const t = await relay();
    const body = browserHalf('ignored', t.clock.now, { source: { tool: 'typeform', form: FORM } });
    expect(await post(t, body)).toMatchObject({ status: 'waiting' });
    expect((await hook(t, typeformSigned(typeformWebhook('resp-3', body['event_id'] as string)))).body).toMatchObject({ status: 'joined' });
    expectOneJoinedEvent(body['event_id'] as string, t.clock.now);
  });

  it.each([
    ['unsigned', () => hookRequest('typeform', typeformWebhook('resp-x'))],
    ['forged (another secret)', () => typeformSigned(typeformWebhook('resp-x'), 'not-the-secret')],
    ['a tool with no secret configured', () => hookRequest('tally', '{}', { 'tally-signature': 'AAAA' })],
    ['a tool that signs nothing (Jotform)', () => hookRequest('jotform', '{}')],
    ['an unknown tool', () => hookRequest('wufoo', '{}')],
  ])('%s → 401, and nothing is joined or parked', async (_name, request) => {
    const t = await relay();
    const body = browserHalf('resp-x', t.clock.now);
    await post(t, body);
    const res = await hook(t, request());
    expect(res.status).toBe(401);
    expect(res.body['error']).toBe('unauthorized');
    expect(JSON.stringify(res.body)).not.toContain(TF_SECRET);
    expect(graph.requests).toHaveLength(0);
    expect((await t.store.get(body['event_id'] as string))?.state).toBe('waiting');
    expect(t.store.countEntries().parked).toBe(0);
  });

  it('a stale Calendly signature (a replay) → 401; a fresh one is believed', async () => {
    const t = await relay();
    const body = JSON.stringify({ event: 'invitee.created', payload: { uri: 'https://api.calendly.com/scheduled_events/E1/invitees/I1', email: CANARY.email } });
    const sign = (seconds: number) => `t=${seconds},v1=${createHmac('sha256', CALENDLY_KEY).update(`${seconds}.${body}`).digest('hex')}`;
    const stale = await hook(t, hookRequest('calendly', body, { 'calendly-webhook-signature': sign(Math.floor(t.clock.now / 1000) - 600) }));
    expect(stale.status).toBe(401);
    expect(t.store.countEntries().parked).toBe(0);
    const fresh = await hook(t, hookRequest('calendly', body, { 'calendly-webhook-signature': sign(Math.floor(t.clock.now / 1000)) }));
    expect(fresh).toEqual({ status: 200, body: { status: 'parked' } });
  });

  it('a signed body not in the documented shape → 400 naming the problem; another trigger → 200 ignored', async () => {
    const t = await relay();
    const invalid = await hook(t, typeformSigned(JSON.stringify({ event_type: 'form_response', form_response: {} })));
    expect(invalid).toEqual({ status: 400, body: { error: 'invalid_webhook', issues: [{ path: '', message: 'form_response.token is missing' }] } });
    const ignored = await hook(t, typeformSigned(JSON.stringify({ event_type: 'form_partial_response' })));
    expect(ignored).toEqual({ status: 200, body: { ignored: 'event_type form_partial_response' } });
    expect(t.store.countEntries().parked).toBe(0);
  });

  it('a store outage → 503, so the tool delivers again', async () => {
    const t = await relay();
    t.runtime.store.parkOrFind = () => Promise.reject(new Error('down'));
    const res = await handleHooks(typeformSigned(typeformWebhook('resp-4')), t.runtime);
    expect(res.status).toBe(503);
  });
});

describe('the iframe join: tool API looks and the deadline', () => {
  const typeformRecord = (id: string) => ({ response_id: id, token: id, submitted_at: '2026-12-06T02:00:00Z', answers: [{ type: 'email', email: CANARY.email, field: { ref: 'email', type: 'email' } }] });

  it('the API answers "not there yet" twice, then the record: joined at the third look, one event', async () => {
    // an API token and no webhook secret: the sweeper looks at 30 s, 2 min and 10 min
    const t = await relay({ TYPEFORM_WEBHOOK_SECRET: '', TYPEFORM_API_TOKEN: tools.token });
    tools.put('typeform', 'resp-api', typeformRecord('resp-api'), 2);
    const submittedAt = t.clock.now;
    const body = browserHalf('resp-api', submittedAt);
    expect(await post(t, body)).toMatchObject({ status: 'waiting' });
    const id = body['event_id'] as string;
    expect((await t.store.get(id))?.next_attempt_at).toBe(submittedAt + 30_000);

    t.clock.now = submittedAt + 30_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, waiting: 1, joined: 0 });
    expect((await t.store.get(id))?.join?.looks).toBe(1);
    expect((await t.store.get(id))?.next_attempt_at).toBe(submittedAt + 120_000);
    t.clock.now = submittedAt + 60_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 0 });
    t.clock.now = submittedAt + 120_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, waiting: 1 });
    expect(graph.requests).toHaveLength(0);
    t.clock.now = submittedAt + 600_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, joined: 1 });
    expectOneJoinedEvent(id, submittedAt);
    expect((await t.store.get(id))?.join).toMatchObject({ outcome: 'joined', details: { from: 'api' } });
    // the token went in a header, never the URL
    expect(tools.requests.filter((r) => r.url.includes(tools.token))).toEqual([]);
    t.clock.now += 3_600_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 0 });
    expect(sentEvents()).toHaveLength(1);
  });

  it('JOIN_FALLBACK=send (default): at the deadline the browser half is sent with what it has', async () => {
    const t = await relay();
    const submittedAt = t.clock.now;
    const body = browserHalf('resp-none', submittedAt);
    await post(t, body);
    t.clock.now = submittedAt + 600_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, fallback: 1 });
    const events = sentEvents();
    expect(events.map((e) => [e.event_id, e.event_time])).toEqual([[body['event_id'], Math.floor(submittedAt / 1000)]]);
    expect(events[0]!.user_data).toEqual({ client_ip_address: CANARY.ip, client_user_agent: UA, fbc: FBC, fbp: FBP });
    expect((await t.store.get(body['event_id'] as string))?.join?.outcome).toBe('fallback_sent');
    // the webhook arriving after that changes nothing
    expect((await hook(t, typeformSigned(typeformWebhook('resp-none')))).body).toMatchObject({ status: 'already_complete' });
    expect(sentEvents()).toHaveLength(1);
  });

  it('JOIN_FALLBACK=drop: at the deadline nothing is sent, the record is filtered/join_timeout, and no PII is kept', async () => {
    const t = await relay({ JOIN_FALLBACK: 'drop' });
    const body = browserHalf('resp-drop', t.clock.now);
    await post(t, body);
    t.clock.now += 600_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ fallback: 1 });
    expect(graph.requests).toHaveLength(0);
    const record = await t.store.get(body['event_id'] as string);
    expect(record).toMatchObject({ state: 'filtered', reason: 'join_timeout', join: { outcome: 'fallback_dropped' } });
    expect(record?.payload).toBeUndefined();
    expect(await t.store.getRaw(body['event_id'] as string)).toBeNull();
  });

  it('details whose browser half never came: at their deadline a PII-free no_browser_half record, the details deleted', async () => {
    const t = await relay();
    expect((await hook(t, typeformSigned(typeformWebhook('resp-lonely')))).body).toEqual({ status: 'parked' });
    t.clock.now += 600_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ unmatched: 1 });
    expect(t.store.countEntries().parked).toBe(0);
    const id = auditIdOf('typeform', undefined, 'resp-lonely');
    const record = await t.store.get(id);
    expect(record).toMatchObject({ state: 'filtered', reason: 'no_browser_half', source: { tool: 'typeform', submission_id: 'resp-lonely' } });
    expect(JSON.stringify(record)).not.toContain(CANARY.emailNormalized);
    expect(await t.store.getRaw(id)).toBeNull();
    expect(graph.requests).toHaveLength(0);
  });

  it('asks QStash for a sweep at each look and at the deadline while the browser half waits', async () => {
    const scheduled: [string, number][] = [];
    const t = await relay({ TYPEFORM_WEBHOOK_SECRET: '', TYPEFORM_API_TOKEN: tools.token }, { scheduleRetry: async (id, at) => void scheduled.push([id, at]) });
    const submittedAt = t.clock.now;
    const body = browserHalf('resp-q', submittedAt);
    const id = body['event_id'] as string;
    await post(t, body);
    expect(scheduled).toEqual([[id, submittedAt + 30_000]]);
    // the tool has no such response yet: each look that finds nothing asks for the next one
    for (const at of [30_000, 120_000]) {
      t.clock.now = submittedAt + at;
      await sweep(t.runtime, LIMITS);
    }
    expect(scheduled).toEqual([
      [id, submittedAt + 30_000],
      [id, submittedAt + 120_000],
      [id, submittedAt + 600_000],
    ]);
  });
});

describe('POST /api/identify', () => {
  const pendingHalf = (eventTimeMs: number, eventId = crypto.randomUUID()) => {
    const body = eventBody({ event_id: eventId, event_time: eventTimeMs, pending: true });
    delete body['user'];
    return body;
  };

  it('after the browser half (track with pending: true): joined into one event', async () => {
    const t = await relay();
    const body = pendingHalf(t.clock.now);
    expect(await post(t, body)).toMatchObject({ status: 'waiting' });
    const res = await handleIdentify(identifyRequest({ event_id: body['event_id'], email: CANARY.email }), t.runtime);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ event_id: body['event_id'], status: 'joined', state: 'sent' });
    expectOneJoinedEvent(body['event_id'] as string, t.clock.now);
    const again = await handleIdentify(identifyRequest({ event_id: body['event_id'], email: CANARY.email }), t.runtime);
    expect(await again.json()).toEqual({ event_id: body['event_id'], status: 'already_complete' });
    expect(sentEvents()).toHaveLength(1);
  });

  it('before the browser half: parked under the event id, joined when the browser half arrives', async () => {
    const t = await relay();
    const eventId = crypto.randomUUID();
    const res = await handleIdentify(identifyRequest({ event_id: eventId, email: CANARY.email }), t.runtime);
    expect(await res.json()).toEqual({ event_id: eventId, status: 'parked' });
    expect(await post(t, pendingHalf(t.clock.now, eventId))).toMatchObject({ status: 'sent' });
    expectOneJoinedEvent(eventId, t.clock.now);
  });

  it.each([
    ['no Authorization', ''],
    ['a wrong secret', 'wrong-secret-0000000000000000'],
  ])('%s → 401, nothing joined', async (_name, secret) => {
    const t = await relay();
    const body = pendingHalf(t.clock.now);
    await post(t, body);
    const res = await handleIdentify(identifyRequest({ event_id: body['event_id'], email: CANARY.email }, secret), t.runtime);
    expect(res.status).toBe(401);
    expect((await t.store.get(body['event_id'] as string))?.state).toBe('waiting');
  });

  it('IDENTIFY_SECRET unset: 401 for every caller, and a pending event is sent at once instead of waiting', async () => {
    const t = await relay({ IDENTIFY_SECRET: '' });
    const res = await handleIdentify(identifyRequest({ event_id: crypto.randomUUID(), email: CANARY.email }, ''), t.runtime);
    expect(res.status).toBe(401);
    expect(await post(t, pendingHalf(t.clock.now))).toMatchObject({ status: 'sent' });
  });

  it('a body that is not {event_id, contact fields} → 400 naming each problem', async () => {
    const t = await relay();
    const bad = await handleIdentify(identifyRequest({ event_id: 'not-a-uuid', email: 5 }), t.runtime);
    expect(bad.status).toBe(400);
    const json = (await bad.json()) as { error: string; issues: { path: string }[] };
    expect(json.error).toBe('invalid_identify');
    expect(json.issues.map((i) => i.path).sort()).toEqual(['email', 'event_id']);
    const empty = await handleIdentify(identifyRequest({ event_id: crypto.randomUUID() }), t.runtime);
    expect(empty.status).toBe(400);
  });
});

describe('consent still decides', () => {
  it('a browser half without consent is suppressed as before, and a webhook for it never sends it', async () => {
    const t = await relay();
    const body = browserHalf('resp-denied', t.clock.now, { consent: { ads: 'denied', gpc: false } });
    expect(await post(t, body)).toMatchObject({ status: 'suppressed' });
    expect((await hook(t, typeformSigned(typeformWebhook('resp-denied', body['event_id'] as string)))).body).toEqual({ status: 'parked' });
    expect(graph.requests).toHaveLength(0);
  });
});
