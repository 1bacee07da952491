import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleConsent } from '../../api/_http/handlers/consent.js';
import { createMemoryProofStore } from '../../api/_store/proof-store.js';
import { setProofStore } from '../../api/_config/proof-stores.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, ORIGIN, useFakeGraphRuntime } from './ingest-support.js';

// The visitor's consent history enforced by the pipeline (docs/consent.md §0 row 1, §6.3), end to end:
// POST /api/event and POST /api/consent over one memory store, a live sender and the fake Graph.
const CONSENT_ID = '7d3f0c2a-1b4e-4a9d-8c6f-5e2d1a0b9c8d';
const OTHER_ID = '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';

const live = useFakeGraphRuntime();
beforeEach(() => setProofStore(live.runtime.env, createMemoryProofStore()));
afterEach(() => setProofStore(live.runtime.env, undefined));

// Each lead comes from its own form: the canary contact is the same, and one form + one email
// within 10 minutes would collapse onto the first lead (dedup key).
let forms = 0;
const leadFrom = (id: string | undefined) =>
  eventBody({ consent: { ads: 'granted', gpc: false, source: 'banner', ...(id ? { id } : {}) }, source: { tool: 'webflow', form: `contact-${(forms += 1)}` } });

const idOf = (body: Record<string, unknown>) => body['event_id'] as string;

async function postEvent(body: Record<string, unknown>) {
  const res = await handleEvent(eventRequest(body), live.runtime);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function answer(ads: 'granted' | 'denied', id = CONSENT_ID) {
  const request = new Request('https://t.example.com/api/consent', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'text/plain' },
    body: JSON.stringify({ id, ads, source: 'banner', revision: '1' }),
  });
  const res = await handleConsent(request, live.runtime);
  expect(res.status).toBe(200);
  return (await res.json()) as { recorded: boolean; cancelled: number };
}

/** Count the store calls the pipeline makes, by method. */
function countStoreCalls(): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const name of ['claim', 'save', 'get', 'getRaw', 'withdrawVisitor', 'clearWithdrawal'] as const) {
    const original = live.store[name].bind(live.store) as (...args: unknown[]) => Promise<unknown>;
    (live.store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1;
      return original(...args);
    };
  }
  return calls;
}

describe('POST /api/event with a consent id', () => {
  it('happy path stays two store round trips: claim (with the withdrawal check and link) + save', async () => {
    const calls = countStoreCalls();
    const res = await postEvent(leadFrom(CONSENT_ID));
    expect(res.json['status']).toBe('sent');
    expect(calls).toEqual({ claim: 1, save: 1 });
  });

  it('a malformed consent id does not cost the lead', async () => {
    const res = await postEvent(leadFrom('not-an-id'));
    expect(res).toMatchObject({ status: 200, json: { status: 'sent' } });
    expect(live.fake.requests).toHaveLength(1);
  });

  it.each(['pending', 'received'] as const)('a withdrawal cancels the visitor’s event left %s, and only theirs', async (state) => {
    const save = live.store.save;
    // FAST_POLICY makes 3 attempts: 6 failures leave both events pending. A failed save leaves the
    // claim's lease in place: the record stays received for the sweeper.
    if (state === 'pending') live.fake.fail(6, 503);
    else live.store.save = () => Promise.reject(new Error('down'));
    const mine = leadFrom(CONSENT_ID);
    const theirs = leadFrom(OTHER_ID);
    await postEvent(mine);
    await postEvent(theirs);
    live.store.save = save;
    for (const body of [mine, theirs]) expect((await live.store.get(idOf(body)))?.state).toBe(state);

    expect(await answer('denied')).toEqual({ recorded: true, cancelled: 1 });
    const cancelled = await live.store.get(idOf(mine));
    expect(cancelled).toMatchObject({ state: 'suppressed', reason: 'withdrawn', updated_at: live.clock.now });
    expect(cancelled?.next_attempt_at).toBeUndefined();
    expect((await live.store.get(idOf(theirs)))?.state).toBe(state);
    expect(await live.store.listDue(live.clock.now + 3_600_000, 10)).toEqual([idOf(theirs)]);
    // A suppressed event keeps no PII: the cancelled event's raw receipt is gone, the other visitor's stays.
    expect(await live.store.getRaw(idOf(mine))).toBeNull();
    expect((await live.store.getRaw(idOf(theirs)))?.user?.email).toBe(CANARY.email);
  });

  it('after a withdrawal, the visitor’s next "granted" event is suppressed: nothing sent, no PII kept, replays agree', async () => {
    await answer('denied');
    const body = leadFrom(CONSENT_ID);
    const id = idOf(body);
    expect(await postEvent(body)).toEqual({ status: 200, json: { event_id: id, status: 'suppressed', reason: 'withdrawn' } });
    expect(live.fake.requests).toEqual([]);

    const record = await live.store.get(id);
    expect(record).toMatchObject({ state: 'suppressed', reason: 'withdrawn', attempts: [], consent: { ads: 'granted', verdict: 'suppressed', basis: 'withdrawn' } });
    expect(record?.payload).toBeUndefined();
    expect(record?.next_attempt_at).toBeUndefined();
    expect(await live.store.getRaw(id)).toBeNull();
    expect(await live.store.listDue(live.clock.now + 3_600_000, 10)).toEqual([]);
    for (const secret of [CANARY.email, CANARY.phone, CANARY.ip, CONSENT_ID]) expect(JSON.stringify(record)).not.toContain(secret);

    expect(await postEvent(body)).toEqual({ status: 200, json: { event_id: id, status: 'suppressed', reason: 'withdrawn', duplicate: true } });
    expect(live.fake.requests).toEqual([]);
    // Another visitor is not affected.
    expect((await postEvent(leadFrom(OTHER_ID))).json['status']).toBe('sent');
  });

  it('a new explicit grant lets the visitor’s events flow again', async () => {
    await answer('denied');
    expect((await postEvent(leadFrom(CONSENT_ID))).json['status']).toBe('suppressed');
    expect(await answer('granted')).toEqual({ recorded: true, cancelled: 0 });
    const body = leadFrom(CONSENT_ID);
    expect(await postEvent(body)).toEqual({ status: 200, json: { event_id: idOf(body), status: 'sent' } });
    expect(live.fake.requests).toHaveLength(1);
  });

  it('an event Meta accepted before the withdrawal is left as sent (cannot be recalled, docs/consent.md §6.3)', async () => {
    const body = leadFrom(CONSENT_ID);
    expect((await postEvent(body)).json['status']).toBe('sent');
    expect(await answer('denied')).toEqual({ recorded: true, cancelled: 0 });
    expect((await live.store.get(idOf(body)))?.state).toBe('sent');
    expect((await postEvent(body)).json).toMatchObject({ status: 'sent', duplicate: true });
    expect(live.fake.requests).toHaveLength(1);
  });
});
