import { describe, expect, it } from 'vitest';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { BURST_RULE } from '../../api/_pipeline/abuse.js';
import type { Sender } from '../../api/_meta/sender.js';
import { createMemoryLimiter } from '../../api/_store/limiter-memory.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, sha, testRuntime } from './ingest-support.js';

// Issue 12 item 4: abuse filters run before any send; a filtered event is stored as `filtered`
// with its reason and never reaches Meta.

function countingSender(): Sender & { sent: number } {
  const sender = { kind: 'live' as const, sent: 0, send: async () => ((sender.sent += 1), { state: 'sent' as const, attempts: [] }) };
  return sender;
}

async function setup() {
  const sender = countingSender();
  const t = await testRuntime({ overrides: { sender, limiter: createMemoryLimiter(() => 1_800_000_030_000), log: () => {} } });
  return { ...t, sender };
}

describe('abuse filters on POST /api/event', () => {
  it.each([
    ['disposable_email', { email: 'lead@mailinator.com' }],
    ['fake_email', { email: 'test@example.org' }],
    ['fake_phone', { email: 'ann@example.org', phone: '+1 555 555 5555' }],
    ['fake_name', { email: 'ann@example.org', first_name: 'asdf' }],
  ])('stores %s as filtered with that reason and sends nothing', async (reason, user) => {
    const { runtime, sender } = await setup();
    const body = eventBody({ user });
    const res = await handleEvent(eventRequest(body), runtime);
    expect(await res.json()).toEqual({ event_id: body['event_id'], status: 'filtered', reason });
    expect(sender.sent).toBe(0);
    const record = await runtime.store.get(body['event_id'] as string);
    expect(record).toMatchObject({ state: 'filtered', reason });
    expect(record?.payload).toBeUndefined();
    expect(await runtime.store.getRaw(body['event_id'] as string)).toBeNull();
  });

  it('filters a burst of identical submissions across forms as `burst`; a different person still goes through', async () => {
    const { runtime, sender } = await setup();
    const answers: unknown[] = [];
    for (let i = 0; i <= BURST_RULE.limit; i += 1) {
      // a new form each time: the dedup key (same form, 10 min) would otherwise fold them into one
      const res = await handleEvent(eventRequest(eventBody({ source: { tool: 'webflow', form: `form-${i}` } })), runtime);
      answers.push((await res.json() as { status: string; reason?: string }));
    }
    expect(answers.slice(0, BURST_RULE.limit).every((a) => (a as { status: string }).status === 'sent')).toBe(true);
    expect(answers[BURST_RULE.limit]).toMatchObject({ status: 'filtered', reason: 'burst' });
    expect(sender.sent).toBe(BURST_RULE.limit);
    const other = await handleEvent(eventRequest(eventBody({ user: { email: 'someone.else@example.org' } })), runtime);
    expect(await other.json()).toMatchObject({ status: 'sent' });
  });

  it('files a sent event under its hashed email and phone, and keeps its dedup key on the record', async () => {
    const { runtime } = await setup();
    const body = eventBody();
    await handleEvent(eventRequest(body), runtime);
    const page = await runtime.store.listLog({ limit: 10, identity: `em:${sha(CANARY.emailNormalized)}` });
    expect(page.records.map((r) => r.event_id)).toEqual([body['event_id']]);
    expect((await runtime.store.listLog({ limit: 10, identity: `ph:${sha(CANARY.phoneDigits)}` })).records).toHaveLength(1);
    expect(page.records[0]?.dedup_key).toMatch(/^[0-9a-f]{64}$/);
  });
});
