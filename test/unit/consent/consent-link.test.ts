import { afterEach, describe, expect, it } from 'vitest';
import { handleConsent } from '../../../api/_core/consent-endpoint.js';
import { applyConsentHistory, consentIdOf } from '../../../api/_core/consent-link.js';
import { createMemoryProofStore } from '../../../api/_core/consent-proof-store.js';
import { consentDepsFor, setProofStore } from '../../../api/_core/consent-runtime.js';
import { handleEvent } from '../../../api/_core/ingest.js';
import type { Sender } from '../../../api/_core/sender.js';
import { validateEvent } from '../../../api/_core/validate.js';
import { eventBody, eventRequest, ORIGIN, testRuntime } from '../../integration/ingest-support.js';

const ID = '7d3f0c2a-1b4e-4a9d-8c6f-5e2d1a0b9c8d';

/** A sender whose every attempt is a transient failure: the event stays pending for the sweeper. */
const stuckSender: Sender = {
  kind: 'live',
  send: async () => ({ state: 'pending', reason: 'meta_unavailable', attempts: [{ at: 0, duration_ms: 1, status: 503, outcome: 'transient' }] }),
};

function consentPost(ads: 'granted' | 'denied') {
  return new Request('https://t.example.com/api/consent', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'text/plain' },
    body: JSON.stringify({ id: ID, ads, source: 'banner', revision: '1' }),
  });
}

afterEach(async () => {
  const { runtime } = await testRuntime();
  setProofStore(runtime.env, undefined);
});

describe('consentIdOf', () => {
  it.each<[unknown, string | undefined]>([
    [{ consent: { id: ID } }, ID],
    [{ consent: { id: 'short' } }, undefined],
    [{ consent: { id: 42 } }, undefined],
    [{ consent: {} }, undefined],
    [null, undefined],
    ['text', undefined],
  ])('%j → %s', (body, id) => {
    expect(consentIdOf(body)).toBe(id);
  });
});

describe('applyConsentHistory', () => {
  const event = () => {
    const v = validateEvent(eventBody({ consent: { ads: 'granted', gpc: false, source: 'banner', id: ID } }));
    if (!v.ok) throw new Error('fixture invalid');
    return v.event;
  };

  it('leaves events without a consent id alone (no store call)', async () => {
    const { runtime } = await testRuntime();
    const proofs = createMemoryProofStore();
    proofs.listProofs = async () => {
      throw new Error('must not be called');
    };
    const e = event();
    expect(await applyConsentHistory(e, { consent: {} }, runtime.env, proofs)).toEqual({ event: e });
  });

  it('a store outage keeps the widget answer', async () => {
    const { runtime } = await testRuntime();
    const proofs = createMemoryProofStore();
    proofs.listProofs = async () => {
      throw new Error('down');
    };
    const e = event();
    const result = await applyConsentHistory(e, { consent: { id: ID } }, runtime.env, proofs);
    expect(result.event).toBe(e);
    expect(result.visitor).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('POST /api/event with consent history (server re-check)', () => {
  it('a recorded refusal beats a stale "granted" from another tab', async () => {
    const { runtime, store } = await testRuntime();
    setProofStore(runtime.env, createMemoryProofStore());
    await handleConsent(consentPost('denied'), consentDepsFor(runtime));
    const body = eventBody({ consent: { ads: 'granted', gpc: false, source: 'banner', id: ID } });
    const response = await handleEvent(eventRequest(body), runtime);
    expect(await response.json()).toEqual({ event_id: body.event_id, status: 'suppressed', reason: 'denied' });
    expect((await store.get(body.event_id as string))?.consent).toMatchObject({ ads: 'denied', source: 'recorded_refusal', verdict: 'suppressed' });
    expect(await store.getRaw(body.event_id as string)).toBeNull();
  });

  it('a later grant is the latest answer again', async () => {
    const { runtime } = await testRuntime();
    setProofStore(runtime.env, createMemoryProofStore());
    await handleConsent(consentPost('denied'), consentDepsFor(runtime));
    await handleConsent(consentPost('granted'), consentDepsFor(runtime));
    const body = eventBody({ consent: { ads: 'granted', gpc: false, source: 'banner', id: ID } });
    expect((await (await handleEvent(eventRequest(body), runtime)).json()).status).toBe('sent');
  });

  it('withdrawal cancels this visitor’s event that is waiting for a retry', async () => {
    const { runtime, store } = await testRuntime({ overrides: { sender: stuckSender } });
    setProofStore(runtime.env, createMemoryProofStore());
    const body = eventBody({ consent: { ads: 'granted', gpc: false, source: 'banner', id: ID } });
    expect((await (await handleEvent(eventRequest(body), runtime)).json()).status).toBe('pending');
    const withdrawal = await handleConsent(consentPost('denied'), consentDepsFor(runtime));
    expect(await withdrawal.json()).toEqual({ recorded: true, cancelled: 1 });
    expect(await store.get(body.event_id as string)).toMatchObject({ state: 'suppressed', reason: 'withdrawn' });
    expect(await store.listDue(Date.now() + 3_600_000, 10)).toEqual([]);
  });
});
