import { describe, expect, it } from 'vitest';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { RECEIVE_LEASE_MS } from '../../api/_pipeline/accept-event.js';
import { PENDING_RETRY_DELAY_MS } from '../../api/_pipeline/deliver.js';
import { createPauseNotice, PAUSE_LOG_MARKER, PAUSE_NOTICE_INTERVAL_MS, tokenFingerprint } from '../../api/_pipeline/pause.js';
import { MAX_SEND_AGE_SEC, sweep, type SweepDeps, type SweepLimits } from '../../api/_pipeline/sweep.js';
import type { Store } from '../../api/_store/store.js';
import type { FakeGraph } from '../fakes/graph-api.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, testRuntime, useFakeGraphRuntime } from './ingest-support.js';

const t = useFakeGraphRuntime();
const LIMITS: SweepLimits = { budgetMs: 5_000, sliceSize: 50, leaseMs: 300_000 };

/** A new lead: its own e-mail, so the 10-minute dedup key never folds it onto an earlier one. */
function lead(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return eventBody({ user: { email: `lead-${crypto.randomUUID()}@example.com`, country: 'US' }, ...overrides });
}

/** Every event_id the fake Graph API accepted (status 200), in order, repeats included. */
function acceptedIds(fake: FakeGraph): string[] {
  return fake.requests
    .filter((r) => r.status === 200)
    .flatMap((r) => ((r.body as { data: { event_id: string }[] }).data ?? []).map((e) => e.event_id));
}

async function post(body: Record<string, unknown>): Promise<{ status: string; reason?: string }> {
  const res = await handleEvent(eventRequest(body), t.runtime);
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; reason?: string };
}

/** A store that counts calls, to pin the round trips of each path. */
function counting(store: Store): { store: Store; calls: string[] } {
  const calls: string[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(store).map(([name, fn]) => [name, (...args: unknown[]) => (calls.push(name), (fn as (...a: unknown[]) => unknown)(...args))]),
  ) as unknown as Store;
  return { store: wrapped, calls };
}

describe('sweeper', () => {
  it('re-sends an event left pending once Meta is back, exactly once', async () => {
    t.fake.fail(3, 503); // the whole inline budget (FAST_POLICY: 3 attempts)
    const body = eventBody();
    expect(await post(body)).toEqual({ event_id: body['event_id'], status: 'pending', reason: 'retry_budget_exhausted' });
    expect(acceptedIds(t.fake)).toEqual([]);

    // Not due yet: nothing happens.
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 0, sent: 0 });
    t.clock.now += PENDING_RETRY_DELAY_MS;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, sent: 1, pending: 0, more: false });
    expect(acceptedIds(t.fake)).toEqual([body['event_id']]);
    const record = await t.store.get(body['event_id'] as string);
    expect(record).toMatchObject({ state: 'sent' });
    expect(record?.next_attempt_at).toBeUndefined();
    expect(record?.attempts).toHaveLength(4); // the inline three stay in the audit trail
    // Done: later sweeps find nothing.
    t.clock.now += 10 * 60_000;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 0 });
    expect(acceptedIds(t.fake)).toHaveLength(1);
  });

  it('sends a claimed event whose function died before the send (received, after its lease)', async () => {
    const body = eventBody();
    // Claimed like acceptEvent does, then "killed": a sender that never answers in time would
    // look the same; here the send simply never happens.
    const killed = await testRuntime({ graphUrl: t.fake.url, overrides: { store: t.store, now: () => t.clock.now, sender: { kind: 'live', send: () => new Promise(() => undefined) } } });
    void handleEvent(eventRequest(body), killed.runtime);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await t.store.get(body['event_id'] as string)).toMatchObject({ state: 'received' });

    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 0 });
    t.clock.now += RECEIVE_LEASE_MS;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, sent: 1 });
    expect(acceptedIds(t.fake)).toEqual([body['event_id']]);
  });

  it('refuses an event that has left Meta’s window (failed: too_old) without sending it', async () => {
    t.fake.fail(3, 503);
    const body = eventBody();
    await post(body);
    t.clock.now += (MAX_SEND_AGE_SEC + 60) * 1000;
    const requestsBefore = t.fake.requests.length;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, too_old: 1, sent: 0 });
    expect(t.fake.requests.length).toBe(requestsBefore);
    expect(await t.store.get(body['event_id'] as string)).toMatchObject({ state: 'failed', reason: 'too_old' });
    expect(await t.store.listDue(t.clock.now + 86_400_000, 10)).toEqual([]);
  });

  it('does not send an event whose visitor withdrew (receipt deleted, record not yet suppressed), nor a suppressed one', async () => {
    t.fake.fail(6, 503);
    const withdrawn = lead({ consent: { ads: 'granted', gpc: false, source: 'banner', id: 'c0ffee00-0000-4000-8000-000000000001' } });
    const suppressed = lead({ consent: { ads: 'granted', gpc: false, source: 'banner', id: 'c0ffee00-0000-4000-8000-000000000002' } });
    await post(withdrawn);
    await post(suppressed);
    // The first half of a withdrawal only (marker + receipt deletion), as if the cancel step never ran.
    const { visitorOf } = await import('../../api/_pipeline/consent/link.js');
    await t.store.withdrawVisitor(visitorOf(withdrawn as never, t.runtime.env)!, 3_600);
    // The whole withdrawal for the other: the record is suppressed.
    const record = (await t.store.get(suppressed['event_id'] as string))!;
    await t.store.save({ ...record, state: 'suppressed', reason: 'withdrawn' });

    t.clock.now += PENDING_RETRY_DELAY_MS;
    const requestsBefore = t.fake.requests.length;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 1, withdrawn: 1, sent: 0 });
    expect(t.fake.requests.length).toBe(requestsBefore);
    expect(await t.store.get(withdrawn['event_id'] as string)).toMatchObject({ state: 'suppressed', reason: 'withdrawn' });
  });

  it('skips ids whose record has expired', async () => {
    const { runtime, store, clock } = await testRuntime({ graphUrl: t.fake.url, env: { AUDIT_RETENTION_DAYS: '1', DATA_RETENTION_DAYS: '1' } });
    t.fake.fail(3, 503);
    const res = await handleEvent(eventRequest(eventBody()), runtime);
    expect((await res.json()).status).toBe('pending');
    clock.now += 86_400_000 + 1;
    const requestsBefore = t.fake.requests.length;
    expect(await sweep(runtime, LIMITS)).toMatchObject({ picked: 1, sent: 0, withdrawn: 0, too_old: 0 });
    expect(t.fake.requests.length).toBe(requestsBefore);
    expect(store.countEntries().due).toBe(0);
  });

  it('two sweeps at once send every event once', async () => {
    t.fake.fail(3 * 20, 503);
    const bodies = Array.from({ length: 20 }, () => lead());
    for (const body of bodies) expect((await post(body)).status).toBe('pending');
    t.clock.now += PENDING_RETRY_DELAY_MS;
    const reports = await Promise.all([sweep(t.runtime, { ...LIMITS, sliceSize: 3 }), sweep(t.runtime, { ...LIMITS, sliceSize: 3 })]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(20);
    expect(reports[0]!.sent).toBeGreaterThan(0);
    expect(reports[1]!.sent).toBeGreaterThan(0);
    expect(acceptedIds(t.fake).sort()).toEqual(bodies.map((b) => b['event_id'] as string).sort());
  });

  it('a sweep racing an inline send never sends the event a second time', async () => {
    const body = eventBody();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = await testRuntime({
      graphUrl: t.fake.url,
      overrides: { store: t.store, now: () => t.clock.now, sender: { kind: 'live', send: async (event) => (await gate, t.runtime.sender.send(event)) } },
    });
    const inline = handleEvent(eventRequest(body), slow.runtime);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The inline send is under way (received, leased by its claim): the sweep must leave it alone.
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 0, sent: 0 });
    release();
    expect(await (await inline).json()).toMatchObject({ status: 'sent' });
    t.clock.now += RECEIVE_LEASE_MS * 2;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ picked: 0 });
    expect(acceptedIds(t.fake)).toEqual([body['event_id']]);
  });

  it('works in bounded slices: stops when its time budget is spent and continues next run', async () => {
    t.fake.fail(3 * 6, 503);
    for (let i = 0; i < 6; i += 1) await post(lead());
    t.clock.now += PENDING_RETRY_DELAY_MS;
    // Each slice "takes" 1 s of the 1.5 s budget: two slices of two, then the budget is spent.
    const deps: SweepDeps = { ...t.runtime, now: () => t.clock.now };
    const ticking: SweepDeps = { ...deps, store: { ...t.store, claimDue: async (...args) => { const batch = await t.store.claimDue(...args); t.clock.now += 1_000; return batch; } } };
    expect(await sweep(ticking, { budgetMs: 1_500, sliceSize: 2, leaseMs: 300_000 })).toMatchObject({ slices: 2, sent: 4, more: true });
    expect(await sweep(deps, { ...LIMITS, sliceSize: 2 })).toMatchObject({ sent: 2, more: false });
    expect(acceptedIds(t.fake)).toHaveLength(6);
  });
});

describe('a refused token pauses sending instead of burning leads', () => {
  it('keeps the refused event and later ones pending, at two round trips each, with one log line a minute', async () => {
    const lines: string[] = [];
    const pauseNotice = createPauseNotice((line) => lines.push(line));
    const { store, calls } = counting(t.store);
    const wrong = await testRuntime({ graphUrl: t.fake.url, env: { META_ACCESS_TOKEN: 'EAAB-revoked-token-000000' }, overrides: { store, now: () => t.clock.now } });
    const runtime = { ...wrong.runtime, pauseNotice };

    const first = lead();
    let res = await handleEvent(eventRequest(first), runtime);
    expect(await res.json()).toEqual({ event_id: first['event_id'], status: 'pending', reason: 'sending_paused' });
    expect(await t.store.getPause()).toEqual({ reason: 'meta_error_190', token_fingerprint: tokenFingerprint('EAAB-revoked-token-000000'), since: t.clock.now });
    expect(calls).toEqual(['claim', 'setPause', 'save']);

    const requestsBefore = t.fake.requests.length;
    for (let i = 0; i < 3; i += 1) {
      calls.length = 0;
      res = await handleEvent(eventRequest(lead()), runtime);
      expect(await res.json()).toMatchObject({ status: 'pending', reason: 'sending_paused' });
      expect(calls).toEqual(['claim', 'save']); // the pause check rode the claim
    }
    expect(t.fake.requests.length).toBe(requestsBefore); // nothing sent while paused
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(PAUSE_LOG_MARKER);
    expect(lines[0]).toContain('meta_error_190');
    expect(lines[0]).not.toContain('EAAB-revoked-token');
    t.clock.now += PAUSE_NOTICE_INTERVAL_MS;
    await handleEvent(eventRequest(lead()), runtime);
    expect(lines).toHaveLength(2);
    const record = await t.store.get(first['event_id'] as string);
    expect(record?.attempts.at(-1)?.error).toMatchObject({ code: 190 });
  });

  it('resumes by itself when the token changes: the next event is sent, the pause lifted, and the sweeper sends what waited', async () => {
    const wrong = await testRuntime({ graphUrl: t.fake.url, env: { META_ACCESS_TOKEN: 'EAAB-revoked-token-000000' }, overrides: { store: t.store, now: () => t.clock.now } });
    const waiting = [lead(), lead()];
    for (const body of waiting) await handleEvent(eventRequest(body), { ...wrong.runtime, pauseNotice: () => undefined });
    expect(await t.store.getPause()).not.toBeNull();

    // A new deployment with the right token (t.runtime): its events are sent and the pause is lifted.
    const fresh = lead();
    expect(await post(fresh)).toMatchObject({ status: 'sent' });
    expect(await t.store.getPause()).toBeNull();
    t.clock.now += PENDING_RETRY_DELAY_MS;
    expect(await sweep(t.runtime, LIMITS)).toMatchObject({ sent: 2 });
    expect(acceptedIds(t.fake).sort()).toEqual([fresh, ...waiting].map((b) => b['event_id'] as string).sort());
  });

  it('the sweeper sends a single probe while paused: refused → stays paused; accepted → resumes and drains', async () => {
    // Paused by an earlier deployment's token; the sweeper runs with the same (refused) token first.
    const wrong = await testRuntime({ graphUrl: t.fake.url, env: { META_ACCESS_TOKEN: 'EAAB-revoked-token-000000' }, overrides: { store: t.store, now: () => t.clock.now } });
    const quiet = { ...wrong.runtime, pauseNotice: () => undefined };
    const bodies = Array.from({ length: 5 }, () => lead());
    for (const body of bodies) await handleEvent(eventRequest(body), quiet);
    t.clock.now += PENDING_RETRY_DELAY_MS;

    const before = t.fake.requests.length;
    expect(await sweep(quiet, LIMITS)).toMatchObject({ picked: 1, paused: true, sent: 0 });
    expect(t.fake.requests.length).toBe(before + 1); // one probe, not five refusals
    expect(await t.store.getPause()).not.toBeNull();

    // The same store, swept where Meta accepts the token (a new deployment): the probe goes through.
    t.clock.now += PENDING_RETRY_DELAY_MS; // the refused probe waits like any pending event
    const report = await sweep(t.runtime, LIMITS);
    expect(report).toMatchObject({ sent: 5, paused: false });
    expect(await t.store.getPause()).toBeNull();
    expect(acceptedIds(t.fake).sort()).toEqual(bodies.map((b) => b['event_id'] as string).sort());
  });

  it('never logs the token', () => {
    const lines: string[] = [];
    createPauseNotice((line) => lines.push(line))({ reason: 'meta_error_190_463', token_fingerprint: tokenFingerprint(CANARY.accessToken), since: 0 }, 0);
    expect(lines.join('\n')).not.toContain(CANARY.accessToken);
    expect(tokenFingerprint(CANARY.accessToken)).not.toContain(CANARY.accessToken.slice(0, 8));
  });
});
