import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_VISITOR, type ClaimResult, type WithdrawResult } from '../../api/_store/store.js';
import type { CapiServerEvent, ConversionRecord } from '../../api/_contract/records.js';
import { StoreError } from '../../api/_store/error.js';
import { CANARY } from '../support/canaries.js';
import { describeStoreContract, LONG_TTLS, makeRaw, makeRecord } from './store-harness.js';

/** A payload as the pipeline builds it (hashed user data only). */
const PAYLOAD: CapiServerEvent = {
  event_name: 'Lead',
  event_time: 1_795_000_000,
  event_id: 'ev-payload',
  action_source: 'website',
  event_source_url: 'https://www.example.com/contact',
  user_data: { em: ['a'.repeat(64)], client_user_agent: 'Mozilla/5.0 (test)' },
  data_processing_options: [],
};

describeStoreContract('Store contract', (h) => {
  it('claims a new event_id and stores the record and the raw receipt', async () => {
    const record = makeRecord('ev-new', h.now());
    const raw = makeRaw('ev-new', h.now(), CANARY.email);

    expect(await h.store.claim({ record, raw, dedupKey: 'dk-new', ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    expect(await h.store.get('ev-new')).toEqual(record);
    expect(await h.store.getRaw('ev-new')).toEqual(raw);
    expect(await h.store.get('ev-unknown')).toBeNull();
    expect(await h.store.getRaw('ev-unknown')).toBeNull();
  });

  it('answers the same event_id with the original record and overwrites nothing', async () => {
    const original = makeRecord('ev-dup', h.now());
    const originalRaw = makeRaw('ev-dup', h.now(), CANARY.email);
    await h.store.claim({ record: original, raw: originalRaw, dedupKey: 'dk-a', ...LONG_TTLS });

    const second = makeRecord('ev-dup', h.now() + 5, { state: 'sent', next_attempt_at: undefined });
    const result = await h.store.claim({ record: second, raw: makeRaw('ev-dup', h.now() + 5, 'other@example.com'), dedupKey: 'dk-b', ...LONG_TTLS });

    expect(result).toEqual({ kind: 'duplicate', record: original, matched: 'event_id' });
    expect(await h.store.get('ev-dup')).toEqual(original);
    expect(await h.store.getRaw('ev-dup')).toEqual(originalRaw);
    // The refused claim did not take its dedup key either.
    expect(await h.store.claim({ record: makeRecord('ev-other', h.now()), dedupKey: 'dk-b', ...LONG_TTLS })).toEqual({ kind: 'claimed' });
  });

  it('answers a new event_id with a taken dedup key with the first conversion, until the key expires', async () => {
    const first = makeRecord('ev-first', h.now());
    const ttls = { ...LONG_TTLS, dedupTtlSec: 1 };
    await h.store.claim({ record: first, dedupKey: 'dk-same', ...ttls });

    const retry = makeRecord('ev-retry', h.now());
    expect(await h.store.claim({ record: retry, dedupKey: 'dk-same', ...ttls })).toEqual({
      kind: 'duplicate',
      record: first,
      matched: 'dedup_key',
    });
    expect(await h.store.get('ev-retry')).toBeNull();
    expect(await h.store.listRecent(10)).toEqual(['ev-first']);

    await h.advance(1_100);
    const later = makeRecord('ev-later', h.now());
    expect(await h.store.claim({ record: later, dedupKey: 'dk-same', ...ttls })).toEqual({ kind: 'claimed' });
    expect(await h.store.get('ev-later')).toEqual(later);
  });

  it('expires the raw receipt after its TTL while the record stays', async () => {
    const record = makeRecord('ev-raw', h.now());
    await h.store.claim({ record, raw: makeRaw('ev-raw', h.now(), CANARY.email), ...LONG_TTLS, rawTtlSec: 1 });
    expect(await h.store.getRaw('ev-raw')).not.toBeNull();

    await h.advance(1_100);
    expect(await h.store.getRaw('ev-raw')).toBeNull();
    expect(await h.store.get('ev-raw')).toEqual(record);
  });

  it('save replaces the record but keeps its expiry', async () => {
    const record = makeRecord('ev-keep', h.now());
    await h.store.claim({ record, ...LONG_TTLS, recordTtlSec: 1 });
    const sent = { ...record, state: 'sent' as const, next_attempt_at: undefined, updated_at: h.now() + 1 };
    await h.store.save(sent);
    expect(await h.store.get('ev-keep')).toEqual(JSON.parse(JSON.stringify(sent)));

    await h.advance(1_100);
    expect(await h.store.get('ev-keep')).toBeNull();
  });

  it('save refuses a record that was never claimed, and creates nothing', async () => {
    const error = await h.store.save(makeRecord('ev-ghost', h.now())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ name: 'StoreError', operation: 'save', failure: 'not_found' });
    expect(await h.store.get('ev-ghost')).toBeNull();
    expect(await h.store.listDue(h.now() + 10 * 60_000, 10)).toEqual([]);
  });

  it('lists due received/pending records oldest first and follows save', async () => {
    const t = h.now();
    await h.store.claim({ record: makeRecord('ev-a', t, { next_attempt_at: t + 3_000 }), ...LONG_TTLS });
    await h.store.claim({ record: makeRecord('ev-b', t, { next_attempt_at: t + 1_000 }), ...LONG_TTLS });
    await h.store.claim({ record: makeRecord('ev-c', t, { next_attempt_at: t + 2_000 }), ...LONG_TTLS });
    await h.store.claim({ record: makeRecord('ev-filtered', t, { state: 'filtered', next_attempt_at: t }), ...LONG_TTLS });
    await h.store.claim({ record: makeRecord('ev-no-time', t, { next_attempt_at: undefined }), ...LONG_TTLS });

    expect(await h.store.listDue(t, 10)).toEqual([]);
    expect(await h.store.listDue(t + 2_000, 10)).toEqual(['ev-b', 'ev-c']);
    expect(await h.store.listDue(t + 5_000, 10)).toEqual(['ev-b', 'ev-c', 'ev-a']);
    expect(await h.store.listDue(t + 5_000, 2)).toEqual(['ev-b', 'ev-c']);

    const b = (await h.store.get('ev-b'))!;
    await h.store.save({ ...b, state: 'sent', next_attempt_at: undefined });
    const a = (await h.store.get('ev-a'))!;
    await h.store.save({ ...a, state: 'pending', reason: 'meta 503', next_attempt_at: t + 500 });
    const c = (await h.store.get('ev-c'))!;
    await h.store.save({ ...c, state: 'failed', next_attempt_at: t + 100 });

    expect(await h.store.listDue(t + 5_000, 10)).toEqual(['ev-a']);
    expect(await h.store.get('ev-b')).toMatchObject({ state: 'sent' });
    expect(await h.store.get('ev-a')).toMatchObject({ state: 'pending', reason: 'meta 503', next_attempt_at: t + 500 });
  });

  it('lists recent ids newest first, dropping ids older than the record TTL', async () => {
    const t = h.now();
    await h.store.claim({ record: makeRecord('ev-old', t - 60_000), ...LONG_TTLS });
    await h.store.claim({ record: makeRecord('ev-1', t - 3_000), ...LONG_TTLS });
    await h.store.claim({ record: makeRecord('ev-3', t - 1_000), ...LONG_TTLS });
    await h.store.claim({ record: makeRecord('ev-2', t - 2_000), ...LONG_TTLS });
    expect(await h.store.listRecent(10)).toEqual(['ev-3', 'ev-2', 'ev-1', 'ev-old']);
    expect(await h.store.listRecent(2)).toEqual(['ev-3', 'ev-2']);
    expect(await h.store.listRecent(0)).toEqual([]);

    // A claim whose record lives 10 s prunes ids received more than 10 s before it.
    await h.store.claim({ record: makeRecord('ev-4', t), ...LONG_TTLS, recordTtlSec: 10 });
    expect(await h.store.listRecent(10)).toEqual(['ev-4', 'ev-3', 'ev-2', 'ev-1']);
  });

  it('orders equal times by id, the way a Redis sorted set does', async () => {
    const t = h.now();
    for (const id of ['ev-m', 'ev-z', 'ev-a']) {
      await h.store.claim({ record: makeRecord(id, t, { next_attempt_at: t + 1 }), ...LONG_TTLS });
    }
    expect(await h.store.listDue(t + 1, 10)).toEqual(['ev-a', 'ev-m', 'ev-z']);
    expect(await h.store.listRecent(10)).toEqual(['ev-z', 'ev-m', 'ev-a']);
  });

  // docs/consent.md §6.4: while the raw receipt lasts, get() answers the payload exactly as sent (the
  // sweeper and the dead-letter re-send read it); after it, the record holds no IP, UA, click ids or query.
  it('keeps the payload’s context with the raw receipt: whole while it lasts, gone with it', async () => {
    const t = h.now();
    const full: CapiServerEvent = {
      ...PAYLOAD,
      event_id: 'ev-min',
      event_source_url: `https://www.example.com/contact?email=${encodeURIComponent(CANARY.email)}&utm_source=meta#f`,
      referrer_url: 'https://www.example.com/?phone=1',
      user_data: { ...PAYLOAD.user_data, client_ip_address: CANARY.ip, client_user_agent: 'Mozilla/5.0 (canary UA)', fbc: 'fb.1.1795000000123.AbC', fbp: 'fb.1.1795000000456.42' },
    };
    const record = makeRecord('ev-min', t, { event_source_url: 'https://www.example.com/contact?utm_source=meta', payload: full, next_attempt_at: t });
    await h.store.claim({ record, raw: makeRaw('ev-min', t, CANARY.email), ...LONG_TTLS, rawTtlSec: 1 });
    expect(await h.store.get('ev-min')).toEqual(record);
    // the sweeper's pick reads it the same way: it sends what get() answers, IP, UA and click ids included
    expect((await h.store.claimDue(t + 1, 10, 60_000)).events).toEqual([{ record, hasRaw: true }]);
    const sent: ConversionRecord = { ...record, state: 'sent', next_attempt_at: undefined, attempts: [{ at: t, duration_ms: 5, status: 200, outcome: 'ok' }] };
    delete sent.next_attempt_at;
    await h.store.save(sent);
    expect(await h.store.get('ev-min')).toEqual(sent);

    await h.advance(1_100);
    const after = await h.store.get('ev-min');
    expect(after?.payload?.user_data).toEqual({ em: PAYLOAD.user_data.em });
    expect(after?.payload?.event_source_url).toBe('https://www.example.com/contact?utm_source=meta');
    expect(after?.payload).not.toHaveProperty('referrer_url');
    const json = JSON.stringify(after);
    for (const personal of [CANARY.ip, 'canary UA', 'fb.1.', 'email', 'phone', '#f', encodeURIComponent(CANARY.email)]) expect(json).not.toContain(personal);
  });

  describe('consent: withdrawal marker and visitor links', () => {
    const VISITOR = 'a'.repeat(64);
    const OTHER = 'b'.repeat(64);

    const withdraw = (visitor: string, ttlSec = 3_600, unseenTtlSec = ttlSec) => h.store.withdrawVisitor({ visitor, ttlSec, unseenTtlSec, nowMs: h.now() });
    const ids = (result: WithdrawResult) => ({ cancelled: [...result.cancelled].sort(), final: [...result.final].sort() });

    it('links claimed events to their visitor; withdrawVisitor cancels them, and a retry reports them final', async () => {
      const t = h.now();
      await h.store.claim({ record: makeRecord('ev-v1', t), visitor: VISITOR, ...LONG_TTLS });
      await h.store.claim({ record: makeRecord('ev-v2', t), raw: makeRaw('ev-v2', t, CANARY.email), dedupKey: 'dk-v2', visitor: VISITOR, ...LONG_TTLS });
      await h.store.claim({ record: makeRecord('ev-other', t), visitor: OTHER, ...LONG_TTLS });
      await h.store.claim({ record: makeRecord('ev-anon', t), ...LONG_TTLS });
      // A refused claim links nothing.
      await h.store.claim({ record: makeRecord('ev-other', t), visitor: VISITOR, ...LONG_TTLS });

      expect(ids(await withdraw(VISITOR))).toEqual({ cancelled: ['ev-v1', 'ev-v2'], final: [] });
      expect(ids(await withdraw(VISITOR))).toEqual({ cancelled: [], final: ['ev-v1', 'ev-v2'] });
      expect(await withdraw('c'.repeat(64))).toEqual({ cancelled: [], final: [] });
      expect((await h.store.get('ev-other'))?.state).toBe('received');
      expect((await h.store.get('ev-anon'))?.state).toBe('received');
    });

    // README: a suppressed event keeps no personal data. What a withdrawal cancels changes in the same
    // store call; other states and other visitors keep theirs until they expire.
    it('withdrawVisitor cancels the visitor’s events still waiting to be sent in the same call, and only those', async () => {
      const t = h.now();
      const claim = (id: string, visitor: string | undefined, overrides: Parameters<typeof makeRecord>[2] = {}) =>
        h.store.claim({ record: makeRecord(id, t, overrides), raw: makeRaw(id, t, CANARY.email), ...(visitor ? { visitor } : {}), ...LONG_TTLS });
      const attempt = { at: t, duration_ms: 12, status: 503, outcome: 'transient' as const, error: { message: 'unavailable', code: 2 } };
      await claim('ev-received', VISITOR, { payload: PAYLOAD });
      await claim('ev-pending', VISITOR);
      await h.store.save(makeRecord('ev-pending', t, { state: 'pending', reason: 'meta_unavailable', next_attempt_at: t + 120_000, attempts: [attempt], payload: PAYLOAD }));
      await claim('ev-sent', VISITOR);
      await h.store.save(makeRecord('ev-sent', t, { state: 'sent', next_attempt_at: undefined }));
      await claim('ev-failed', VISITOR);
      await h.store.save(makeRecord('ev-failed', t, { state: 'failed', reason: 'meta_rejected', next_attempt_at: undefined }));
      await claim('ev-other', OTHER);
      await claim('ev-anon', undefined);

      const later = t + 5_000;
      expect(ids(await h.store.withdrawVisitor({ visitor: VISITOR, ttlSec: 3_600, unseenTtlSec: 60, nowMs: later }))).toEqual({
        cancelled: ['ev-pending', 'ev-received'],
        final: ['ev-failed', 'ev-sent'],
      });

      const cancelled = { state: 'suppressed', reason: 'withdrawn', updated_at: later, consent: { ads: 'granted', gpc: false, verdict: 'suppressed', basis: 'withdrawn' } };
      const received = await h.store.get('ev-received');
      expect(received).toEqual({ ...makeRecord('ev-received', t, { next_attempt_at: undefined }), ...cancelled });
      expect(received).not.toHaveProperty('payload');
      expect(received).not.toHaveProperty('next_attempt_at');
      // Every other field comes back as it was, Meta's earlier answers included.
      const pending = await h.store.get('ev-pending');
      expect(pending).toEqual({ ...makeRecord('ev-pending', t, { next_attempt_at: undefined, attempts: [attempt] }), ...cancelled });
      expect([...(await h.store.listDue(t + 10 * 60_000, 10))].sort()).toEqual(['ev-anon', 'ev-other']);
      expect(await h.store.getRaw('ev-received')).toBeNull();
      expect(await h.store.getRaw('ev-pending')).toBeNull();
      // Already answered by Meta: not cancelled, so the receipt stays for audit until it expires.
      expect((await h.store.get('ev-sent'))?.state).toBe('sent');
      expect(await h.store.getRaw('ev-sent')).toEqual(makeRaw('ev-sent', t, CANARY.email));
      expect(await h.store.getRaw('ev-failed')).toEqual(makeRaw('ev-failed', t, CANARY.email));
      // Another visitor's and an unlinked event's receipts are untouched.
      expect(await h.store.getRaw('ev-other')).toEqual(makeRaw('ev-other', t, CANARY.email));
      expect(await h.store.getRaw('ev-anon')).toEqual(makeRaw('ev-anon', t, CANARY.email));
      // A retried withdrawal is harmless.
      expect(ids(await withdraw(VISITOR))).toEqual({ cancelled: [], final: ['ev-failed', 'ev-pending', 'ev-received', 'ev-sent'] });
      expect(await h.store.getRaw('ev-other')).toEqual(makeRaw('ev-other', t, CANARY.email));
    });

    it(`links at most MAX_EVENTS_PER_VISITOR (${MAX_EVENTS_PER_VISITOR}) events to one visitor: the next claim writes nothing`, async () => {
      const t = h.now();
      for (let i = 0; i < MAX_EVENTS_PER_VISITOR; i += 1) {
        expect(await h.store.claim({ record: makeRecord(`ev-cap-${i}`, t), visitor: VISITOR, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
      }
      const over = await h.store.claim({ record: makeRecord('ev-over', t), raw: makeRaw('ev-over', t, CANARY.email), dedupKey: 'dk-over', visitor: VISITOR, ...LONG_TTLS });
      expect(over).toEqual({ kind: 'visitor_limit' });
      expect(await h.store.get('ev-over')).toBeNull();
      expect(await h.store.getRaw('ev-over')).toBeNull();
      // Other visitors are not affected, and the dedup key was not taken.
      expect(await h.store.claim({ record: makeRecord('ev-free', t), dedupKey: 'dk-over', visitor: OTHER, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
      expect((await withdraw(VISITOR)).cancelled).toHaveLength(MAX_EVENTS_PER_VISITOR);
    });

    it('a denial for a visitor with no linked events holds only unseenTtlSec', async () => {
      await withdraw(VISITOR, 3_600, 1);
      expect(await h.store.claim({ record: makeRecord('ev-during', h.now()), visitor: VISITOR, ...LONG_TTLS })).toEqual({ kind: 'withdrawn' });
      await h.advance(1_100);
      expect(await h.store.claim({ record: makeRecord('ev-after', h.now()), visitor: VISITOR, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
      // With a linked event, the long TTL applies.
      await withdraw(VISITOR, 3_600, 1);
      await h.advance(1_100);
      expect(await h.store.claim({ record: makeRecord('ev-later', h.now()), visitor: VISITOR, ...LONG_TTLS })).toEqual({ kind: 'withdrawn' });
    });

    // Issue 10 item 4: the save after a send must not overwrite a withdrawal that landed while the
    // send was in flight (the store decides, atomically with the write).
    it('save with ifAwaitingSend does not overwrite a record the withdrawal cancelled during the send', async () => {
      const t = h.now();
      const inFlight = makeRecord('ev-flight', t, { payload: PAYLOAD });
      await h.store.claim({ record: inFlight, raw: makeRaw('ev-flight', t, CANARY.email), visitor: VISITOR, ...LONG_TTLS });
      // the visitor withdraws while the Graph call is under way
      await withdraw(VISITOR);
      // then the send completes and the pipeline saves Meta's answer
      const answered = { ...inFlight, state: 'sent' as const, next_attempt_at: undefined, attempts: [{ at: t, duration_ms: 80, status: 200, outcome: 'ok' as const }] };
      expect(await h.store.save(answered, { ifAwaitingSend: true })).toBe(false);
      expect(await h.store.get('ev-flight')).toMatchObject({ state: 'suppressed', reason: 'withdrawn' });
      expect(await h.store.listDue(t + 10 * 60_000, 10)).toEqual([]);
    });

    it('save with ifAwaitingSend writes while the record is received or pending; a plain save always writes', async () => {
      const t = h.now();
      await h.store.claim({ record: makeRecord('ev-cond', t), ...LONG_TTLS });
      expect(await h.store.save(makeRecord('ev-cond', t, { state: 'pending', next_attempt_at: t + 1 }), { ifAwaitingSend: true })).toBe(true);
      expect(await h.store.save(makeRecord('ev-cond', t, { state: 'failed', next_attempt_at: undefined }), { ifAwaitingSend: true })).toBe(true);
      expect(await h.store.save(makeRecord('ev-cond', t, { state: 'sent', next_attempt_at: undefined }), { ifAwaitingSend: true })).toBe(false);
      expect((await h.store.get('ev-cond'))?.state).toBe('failed');
      // a re-send of a dead letter (admin) saves unconditionally
      expect(await h.store.save(makeRecord('ev-cond', t, { state: 'sent', next_attempt_at: undefined }))).toBe(true);
      expect((await h.store.get('ev-cond'))?.state).toBe('sent');
      await expect(h.store.save(makeRecord('ev-missing', t), { ifAwaitingSend: true })).rejects.toMatchObject({ failure: 'not_found' });
    });

    it('save with ifAwaitingSend sees the state a sweeper’s saveIfUnchanged wrote', async () => {
      const t = h.now();
      const claimed = makeRecord('ev-swept', t);
      await h.store.claim({ record: claimed, ...LONG_TTLS });
      const sent = makeRecord('ev-swept', t, { state: 'sent', updated_at: t + 5, next_attempt_at: undefined });
      expect(await h.store.saveIfUnchanged(sent, { state: 'received', updated_at: t })).toBe('saved');
      // the inline send finishing late must not overwrite the sweeper's outcome
      expect(await h.store.save(makeRecord('ev-swept', t, { state: 'pending', next_attempt_at: t + 1 }), { ifAwaitingSend: true })).toBe(false);
      expect((await h.store.get('ev-swept'))?.state).toBe('sent');
    });

    it('a withdrawn visitor cannot claim, and the refused claim writes nothing', async () => {
      const t = h.now();
      expect(await withdraw(VISITOR)).toEqual({ cancelled: [], final: [] });
      const record = makeRecord('ev-blocked', t);
      const result = await h.store.claim({ record, raw: makeRaw('ev-blocked', t, CANARY.email), dedupKey: 'dk-blocked', visitor: VISITOR, ...LONG_TTLS });

      expect(result).toEqual({ kind: 'withdrawn' });
      expect(await h.store.get('ev-blocked')).toBeNull();
      expect(await h.store.getRaw('ev-blocked')).toBeNull();
      expect(await h.store.listRecent(10)).toEqual([]);
      expect(await h.store.listDue(t + 10 * 60_000, 10)).toEqual([]);
      expect(await withdraw(VISITOR)).toEqual({ cancelled: [], final: [] });
      // The dedup key was not taken, and other visitors are not affected.
      expect(await h.store.claim({ record: makeRecord('ev-free', t), dedupKey: 'dk-blocked', visitor: OTHER, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
      // The suppressed stand-in the pipeline stores instead (no visitor) is accepted.
      expect(await h.store.claim({ record: makeRecord('ev-blocked', t, { state: 'suppressed', reason: 'withdrawn', next_attempt_at: undefined }), ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    });

    it('a replayed event_id still gets its own record after the withdrawal (as the withdrawal left it)', async () => {
      const original = makeRecord('ev-early', h.now());
      await h.store.claim({ record: original, visitor: VISITOR, ...LONG_TTLS });
      await withdraw(VISITOR);
      expect(await h.store.claim({ record: makeRecord('ev-early', h.now()), visitor: VISITOR, ...LONG_TTLS })).toEqual({
        kind: 'duplicate',
        record: await h.store.get('ev-early'),
        matched: 'event_id',
      });
      expect((await h.store.get('ev-early'))?.state).toBe('suppressed');
    });

    it('clearWithdrawal lifts the marker (a later explicit grant)', async () => {
      await withdraw(VISITOR);
      await h.store.clearWithdrawal(VISITOR);
      await h.store.clearWithdrawal(OTHER); // clearing a visitor without a marker is fine
      expect(await h.store.claim({ record: makeRecord('ev-again', h.now()), visitor: VISITOR, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
      expect((await withdraw(VISITOR)).cancelled).toEqual(['ev-again']);
    });

    it('the marker expires after its TTL and the links after the raw TTL', async () => {
      await h.store.claim({ record: makeRecord('ev-old-link', h.now()), visitor: VISITOR, ...LONG_TTLS, rawTtlSec: 1 });
      expect((await withdraw(VISITOR, 1)).cancelled).toEqual(['ev-old-link']);
      expect(await h.store.claim({ record: makeRecord('ev-during', h.now()), visitor: VISITOR, ...LONG_TTLS })).toEqual({ kind: 'withdrawn' });

      await h.advance(1_100);
      expect(await h.store.claim({ record: makeRecord('ev-after', h.now()), visitor: VISITOR, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
      expect((await withdraw(VISITOR)).cancelled).toEqual(['ev-after']);
    });
  });

  describe('sweeper: claimDue leases and the pause state', () => {
    const LEASE = 300_000;
    const PAUSE = { reason: 'meta_error_190', token_fingerprint: 'fp-old', since: 1_700_000_000_000 };

    it('takes due waiting events oldest first, leases them, and drops expired or no longer waiting ids', async () => {
      const t = h.now();
      await h.store.claim({ record: makeRecord('ev-2', t, { state: 'pending', next_attempt_at: t - 1_000 }), raw: makeRaw('ev-2', t, 'a@example.com'), ...LONG_TTLS });
      await h.store.claim({ record: makeRecord('ev-1', t, { next_attempt_at: t - 2_000 }), raw: makeRaw('ev-1', t, 'b@example.com'), ...LONG_TTLS });
      await h.store.claim({ record: makeRecord('ev-later', t, { next_attempt_at: t + 10 * LEASE }), ...LONG_TTLS });
      await h.store.claim({ record: makeRecord('ev-no-raw', t, { next_attempt_at: t - 500 }), ...LONG_TTLS });
      const withdrawn = (await h.store.get('ev-2'))!;
      await h.store.claim({ record: makeRecord('ev-suppressed', t, { next_attempt_at: t - 3_000 }), ...LONG_TTLS });
      // A withdrawal saved the record as suppressed but (say) the index entry stayed: claimDue drops it.
      const suppressed = (await h.store.get('ev-suppressed'))!;
      await h.store.save({ ...suppressed, state: 'suppressed', reason: 'withdrawn' });
      await h.store.claim({ record: makeRecord('ev-expiring', t, { next_attempt_at: t - 4_000 }), ...LONG_TTLS, recordTtlSec: 1 });
      await h.advance(1_100);
      const now = h.now();

      const batch = await h.store.claimDue(now, 10, LEASE);
      expect(batch.paused).toBeNull();
      expect(batch.events.map((e) => [e.record.event_id, e.hasRaw])).toEqual([['ev-1', true], ['ev-2', true], ['ev-no-raw', false]]);
      expect(batch.events[1]!.record).toEqual(withdrawn);
      expect(batch.picked).toBe(4); // ev-expiring's id was looked at and dropped (ev-suppressed left with its save)
      // Leased: nothing is due again until the lease ends, and then the same ids are.
      expect(await h.store.listDue(now, 10)).toEqual([]);
      expect((await h.store.claimDue(now, 10, LEASE)).events).toEqual([]);
      expect(await h.store.listDue(now + LEASE, 10)).toEqual(['ev-1', 'ev-2', 'ev-no-raw']);
      // A save replaces the lease with the record's own next_attempt_at, or removes it.
      const one = (await h.store.get('ev-1'))!;
      await h.store.save({ ...one, state: 'sent', next_attempt_at: undefined });
      expect(await h.store.listDue(now + LEASE, 10)).toEqual(['ev-2', 'ev-no-raw']);
    });

    it('respects the limit, and two sweeps at once never take the same event', async () => {
      const t = h.now();
      for (let i = 0; i < 30; i += 1) {
        const id = `ev-${String(i).padStart(2, '0')}`;
        await h.store.claim({ record: makeRecord(id, t, { state: 'pending', next_attempt_at: t - 1_000 + i }), ...LONG_TTLS });
      }
      expect((await h.store.claimDue(t, 4, LEASE)).events.map((e) => e.record.event_id)).toEqual(['ev-00', 'ev-01', 'ev-02', 'ev-03']);
      const sweeps = await Promise.all(Array.from({ length: 6 }, () => h.store.claimDue(t, 5, LEASE)));
      const taken = sweeps.flatMap((b) => b.events.map((e) => e.record.event_id));
      expect(taken).toHaveLength(26);
      expect(new Set(taken).size).toBe(26);
    });

    it('a sweep racing an inline send: a claim’s own lease keeps the event from every sweep until the send saved it', async () => {
      const t = h.now();
      // acceptEvent claims with next_attempt_at = received + RECEIVE_LEASE_MS, then sends, then saves.
      await h.store.claim({ record: makeRecord('ev-inline', t, { next_attempt_at: t + 60_000 }), raw: makeRaw('ev-inline', t, 'c@example.com'), ...LONG_TTLS });
      const racing = await Promise.all([h.store.claimDue(t, 10, LEASE), h.store.claimDue(t + 59_000, 10, LEASE)]);
      expect(racing.flatMap((b) => b.events)).toEqual([]);
      const sent = (await h.store.get('ev-inline'))!;
      await h.store.save({ ...sent, state: 'sent', next_attempt_at: undefined });
      // Once saved as sent it is out of the index: no later sweep takes it.
      expect((await h.store.claimDue(t + 10 * LEASE, 10, LEASE)).events).toEqual([]);
    });

    it('reads the pause state in the claim and in claimDue, where it limits the pick to one probe', async () => {
      const t = h.now();
      expect(await h.store.getPause()).toBeNull();
      expect(await h.store.claim({ record: makeRecord('ev-a', t, { next_attempt_at: t - 2 }), ...LONG_TTLS })).toEqual({ kind: 'claimed' });
      await h.store.setPause(PAUSE);
      expect(await h.store.getPause()).toEqual(PAUSE);
      expect(await h.store.claim({ record: makeRecord('ev-b', t, { next_attempt_at: t - 1 }), visitor: 'v-hash', ...LONG_TTLS })).toEqual({ kind: 'claimed', paused: PAUSE });
      expect(await h.store.claim({ record: makeRecord('ev-c', t, { next_attempt_at: t }), dedupKey: 'dk-c', ...LONG_TTLS })).toEqual({ kind: 'claimed', paused: PAUSE });

      const probe = await h.store.claimDue(t, 10, LEASE);
      expect(probe.paused).toEqual(PAUSE);
      expect(probe.events.map((e) => e.record.event_id)).toEqual(['ev-a']);

      await h.store.clearPause();
      expect(await h.store.getPause()).toBeNull();
      const rest = await h.store.claimDue(t, 10, LEASE);
      expect(rest.paused).toBeNull();
      expect(rest.events.map((e) => e.record.event_id)).toEqual(['ev-b', 'ev-c']);
    });
  });

  it('lets exactly one of 20 parallel claims of one event_id win', async () => {
    const t = h.now();
    const variants = Array.from({ length: 20 }, (_, i) => makeRecord('ev-race', t, { updated_at: t + i }));
    const results: ClaimResult[] = await Promise.all(
      variants.map((record, i) => h.store.claim({ record, dedupKey: `dk-race-${i}`, ...LONG_TTLS })),
    );

    const winners = results.flatMap((r, i) => (r.kind === 'claimed' ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = variants[winners[0]!]!;
    for (const result of results.filter((r) => r.kind === 'duplicate')) {
      expect(result).toEqual({ kind: 'duplicate', record: winner, matched: 'event_id' });
    }
    expect(await h.store.get('ev-race')).toEqual(winner);
  });
});
