import { describe, expect, it } from 'vitest';
import { handleConsent, WITHDRAWAL_TTL_SEC, type ConsentEndpointDeps } from '../../../../../api/_http/handlers/consent.js';
import { hashConsentId } from '../../../../../api/_pipeline/consent/proof.js';
import { createMemoryProofStore } from '../../../../../api/_store/proof-store.js';
import { createMemoryStore } from '../../../../../api/_store/memory.js';
import type { Store } from '../../../../../api/_store/store.js';
import type { ConversionRecord } from '../../../../../api/_contract/records.js';
import type { EventState } from '../../../../../api/_contract/wire.js';

const ORIGIN = 'https://shop.example';
const ID = '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e';
const SALT = 'test-salt-0123456789';
const NOW = 1_767_000_000_000;

function setup(overrides: Partial<ConsentEndpointDeps> = {}) {
  const deps: ConsentEndpointDeps = {
    store: createMemoryStore({ now: () => NOW }),
    proofs: createMemoryProofStore({ now: () => NOW }),
    env: { allowedOrigins: [ORIGIN], dataRetentionDays: 7 },
    salt: SALT,
    now: () => NOW,
    ...overrides,
  };
  return deps;
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return new Request('https://t.shop.example/api/consent', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function record(id: string, state: EventState): ConversionRecord {
  return {
    event_id: id, event_name: 'Lead', state, received_at: NOW - 5000, updated_at: NOW - 5000, event_time: Math.floor(NOW / 1000) - 5,
    event_source_url: `${ORIGIN}/contact`, consent: { ads: 'granted', gpc: false, verdict: 'allowed', basis: 'granted' }, attempts: [],
    ...(state === 'received' || state === 'pending' ? { next_attempt_at: NOW + 60_000 } : {}),
  };
}

const TTLS = { dedupTtlSec: 600, rawTtlSec: 600, recordTtlSec: 86_400 };
const VISITOR = hashConsentId(ID, SALT);

/** Claim events the way the pipeline does for this visitor, which links them to it. */
async function seed(store: Store, events: [string, EventState][]) {
  for (const [id, state] of events) expect(await store.claim({ record: record(id, state), visitor: VISITOR, ...TTLS })).toEqual({ kind: 'claimed' });
}

const answer = (ads: 'granted' | 'denied') => post({ id: ID, ads, source: 'banner', revision: '1' });

describe('POST /api/consent', () => {
  it('records a grant as a proof without the raw id', async () => {
    const deps = setup();
    const response = await handleConsent(post({ id: ID, ads: 'granted', source: 'banner', revision: '1', lang: 'en' }, { 'x-vercel-ip-country': 'FR' }), deps);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await response.json()).toEqual({ recorded: true, cancelled: 0 });
    const proofs = await deps.proofs.listProofs(hashConsentId(ID, SALT));
    expect(proofs).toEqual([{ visitor: hashConsentId(ID, SALT), decision: 'granted', source: 'banner', revision: '1', lang: 'en', received_at: NOW, gpc: false, region: 'FR' }]);
  });

  it('a withdrawal cancels the visitor’s waiting events and leaves sent ones alone', async () => {
    const deps = setup();
    await seed(deps.store, [['e-received', 'received'], ['e-pending', 'pending'], ['e-sent', 'sent']]);
    const response = await handleConsent(post({ id: ID, ads: 'denied', source: 'cmp:cookiebot', revision: '1' }), deps);
    expect(await response.json()).toEqual({ recorded: true, cancelled: 2 });
    for (const id of ['e-received', 'e-pending']) {
      const r = await deps.store.get(id);
      expect(r).toMatchObject({ state: 'suppressed', reason: 'withdrawn', updated_at: NOW });
      expect(r?.next_attempt_at).toBeUndefined();
    }
    expect((await deps.store.get('e-sent'))?.state).toBe('sent');
    expect(await deps.store.listDue(NOW + 10 * 60_000, 10)).toEqual([]);
  });

  it('another visitor’s withdrawal touches nothing of ours', async () => {
    const deps = setup();
    await seed(deps.store, [['e-1', 'received']]);
    await handleConsent(post({ id: 'ffffffff-0000-4000-8000-000000000000', ads: 'denied', source: 'banner', revision: '1' }), deps);
    expect((await deps.store.get('e-1'))?.state).toBe('received');
  });

  it('a refusal blocks the visitor’s later claims until an explicit grant lifts it', async () => {
    const deps = setup();
    const claimAs = (id: string) => deps.store.claim({ record: record(id, 'received'), visitor: VISITOR, ...TTLS });
    expect(await (await handleConsent(answer('denied'), deps)).json()).toEqual({ recorded: true, cancelled: 0 });
    expect(await claimAs('e-after-refusal')).toEqual({ kind: 'withdrawn' });
    expect(await (await handleConsent(answer('granted'), deps)).json()).toEqual({ recorded: true, cancelled: 0 });
    expect(await claimAs('e-after-grant')).toEqual({ kind: 'claimed' });
    expect((await deps.proofs.listProofs(VISITOR)).map((p) => p.decision)).toEqual(['granted', 'denied']);
  });

  it(`the refusal outlives the widget's 12-month consent cookie and ends with the proof (${WITHDRAWAL_TTL_SEC} s)`, async () => {
    const clock = { now: NOW };
    const deps = setup({ store: createMemoryStore({ now: () => clock.now }) });
    const claimAs = (id: string) => deps.store.claim({ record: record(id, 'received'), visitor: VISITOR, ...TTLS });
    // a visitor the relay has seen: an event is linked to the consent id
    expect(await claimAs('e-seen')).toEqual({ kind: 'claimed' });
    await handleConsent(answer('denied'), deps);
    clock.now = NOW + 366 * 86_400_000;
    expect(await claimAs('e-year')).toEqual({ kind: 'withdrawn' });
    clock.now = NOW + 396 * 86_400_000;
    expect(await claimAs('e-later')).toEqual({ kind: 'claimed' });
  });

  it('a refusal under a consent id never seen creates no long-lived key: it holds DATA_RETENTION_DAYS', async () => {
    const clock = { now: NOW };
    const deps = setup({ store: createMemoryStore({ now: () => clock.now }) });
    const claimAs = (id: string) => deps.store.claim({ record: record(id, 'received'), visitor: VISITOR, ...TTLS });
    await handleConsent(answer('denied'), deps);
    clock.now = NOW + 6 * 86_400_000;
    expect(await claimAs('e-week')).toEqual({ kind: 'withdrawn' });
    clock.now = NOW + 8 * 86_400_000;
    expect(await claimAs('e-later')).toEqual({ kind: 'claimed' });
  });

  it('a grant that cannot be recorded leaves the refusal in force (503)', async () => {
    const proofs = createMemoryProofStore();
    const deps = setup({ proofs });
    await handleConsent(answer('denied'), deps);
    proofs.addProof = async () => {
      throw new Error('down');
    };
    expect((await handleConsent(answer('granted'), deps)).status).toBe(503);
    expect(await deps.store.claim({ record: record('e-x', 'received'), visitor: VISITOR, ...TTLS })).toEqual({ kind: 'withdrawn' });
  });

  it('a refusal is enforced even when its proof cannot be written yet (503, the widget re-posts)', async () => {
    const proofs = createMemoryProofStore();
    proofs.addProof = async () => {
      throw new Error('down');
    };
    const deps = setup({ proofs });
    await seed(deps.store, [['e-waiting', 'pending']]);
    expect((await handleConsent(answer('denied'), deps)).status).toBe(503);
    expect((await deps.store.get('e-waiting'))?.state).toBe('suppressed');
    expect(await deps.store.claim({ record: record('e-y', 'received'), visitor: VISITOR, ...TTLS })).toEqual({ kind: 'withdrawn' });
  });

  it('a pipeline store outage during a withdrawal is a 503', async () => {
    const store = createMemoryStore({ now: () => NOW });
    store.withdrawVisitor = async () => {
      throw new Error('down');
    };
    const response = await handleConsent(answer('denied'), setup({ store }));
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain(ID);
  });

  it.each<[string, Request, number, string]>([
    ['bad body', post({ id: ID, ads: 'maybe', source: 'banner', revision: '1' }), 400, 'invalid_consent'],
    ['not JSON', post('{nope'), 400, 'malformed_json'],
    ['origin not allowed', post({ id: ID, ads: 'granted', source: 'banner', revision: '1' }, { origin: 'https://evil.example' }), 403, 'origin_not_allowed'],
    ['form content type', post({}, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
  ])('%s → %i', async (_name, request, status, error) => {
    const response = await handleConsent(request, setup());
    expect(response.status).toBe(status);
    expect((await response.json()).error).toBe(error);
  });

  it('lists each bad field', async () => {
    const response = await handleConsent(post({ ads: 'granted', source: 'banner' }), setup());
    expect((await response.json()).issues.map((i: { path: string }) => i.path)).toEqual(['id', 'revision']);
  });

  it('a proof store outage is a 503 the widget may retry', async () => {
    const down = createMemoryProofStore();
    down.addProof = async () => {
      throw new Error('down');
    };
    const response = await handleConsent(post({ id: ID, ads: 'granted', source: 'banner', revision: '1' }), setup({ proofs: down }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
  });

  it('answers the preflight and refuses GET', async () => {
    const deps = setup();
    const preflight = await handleConsent(new Request('https://t.shop.example/api/consent', { method: 'OPTIONS', headers: { origin: ORIGIN } }), deps);
    expect(preflight.status).toBe(204);
    expect((await handleConsent(new Request('https://t.shop.example/api/consent'), deps)).status).toBe(405);
  });
});
