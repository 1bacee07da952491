import { describe, expect, it } from 'vitest';
import type { ParkedDetails } from '../../api/_store/store.js';
import type { ConversionRecord, JoinState } from '../../api/_contract/records.js';
import { CANARY } from '../support/canaries.js';
import { describeStoreContract, LONG_TTLS, makeRaw, makeRecord } from './store-harness.js';

// The join's store contract (docs/form-tools.md §22.4): the claim of a waiting browser half,
// park-or-find for a details half, the conditional completion, and the parked-due pick —
// the same on the embedded store and on real Redis behind the Upstash bridge.

const SUBMISSION = 'typeform:resp-1';

function waiting(eventId: string, at: number, overrides: Partial<ConversionRecord> = {}): ConversionRecord {
  const join: JoinState = { via: 'typeform', keys: [`eid:${eventId}`, SUBMISSION], browser: { at, from: 'widget' }, looks: 0, deadline_at: at + 600_000 };
  return makeRecord(eventId, at, { state: 'waiting', source: { tool: 'typeform', form: 'f1', submission_id: 'resp-1' }, next_attempt_at: at + 30_000, join, ...overrides });
}

function details(at: number, overrides: Partial<ParkedDetails> = {}): ParkedDetails {
  return { id: SUBMISSION, keys: [SUBMISSION], from: 'webhook', at, via: 'typeform', submission_id: 'resp-1', user: { email: CANARY.email }, ...overrides };
}

describeStoreContract('Store contract (join)', (h) => {
  const park = (d: ParkedDetails, dueAt = d.at + 600_000) => h.store.parkOrFind({ details: d, ttlSec: 3_600, dueAt });

  it('parks a details half once: the same details again find it already parked, and nothing else is written', async () => {
    const t = h.now();
    expect(await park(details(t))).toEqual({ kind: 'parked' });
    expect(await park(details(t + 5))).toEqual({ kind: 'already_parked' });
    // a half keyed by the event id that is parked under the same tool key is the same half
    expect(await park(details(t + 6, { id: 'eid:ev-x', keys: ['eid:ev-x', SUBMISSION] }))).toEqual({ kind: 'already_parked' });
    expect(await h.store.listRecent(10)).toEqual([]);
  });

  it('a waiting claim takes the details parked under one of its keys, in the same step, and deletes them', async () => {
    const t = h.now();
    const parked = details(t);
    await park(parked);
    const record = waiting('ev-join', t);
    const claim = await h.store.claim({ record, raw: makeRaw('ev-join', t, ''), joinKeys: record.join!.keys, ...LONG_TTLS });
    expect(claim).toEqual({ kind: 'claimed', parked });
    // taken: not parked any more, not due as a parked half, and the next copy finds the event instead
    expect(await h.store.claimParkedDue(t + 3_600_000, 10, 60_000)).toEqual([]);
    expect(await park(details(t + 10))).toEqual({ kind: 'found', eventId: 'ev-join' });
    expect(await h.store.dropParked(SUBMISSION)).toBe(false);
  });

  it('a waiting claim with nothing parked files its keys: a details half arriving later finds the event', async () => {
    const t = h.now();
    const record = waiting('ev-first', t);
    expect(await h.store.claim({ record, joinKeys: record.join!.keys, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    expect(await park(details(t))).toEqual({ kind: 'found', eventId: 'ev-first' });
    expect(await park(details(t, { id: 'eid:ev-first', keys: ['eid:ev-first'], from: 'identify', via: 'identify' }))).toEqual({ kind: 'found', eventId: 'ev-first' });
    // and never parks them: nothing is due at any time
    expect(await h.store.claimParkedDue(t + 86_400_000, 10, 60_000)).toEqual([]);
  });

  it('completeJoin writes only over the expected waiting record: a second completion is "changed" and writes nothing', async () => {
    const t = h.now();
    const record = waiting('ev-cas', t);
    await h.store.claim({ record, raw: makeRaw('ev-cas', t, ''), joinKeys: record.join!.keys, ...LONG_TTLS });
    const joined: ConversionRecord = { ...record, state: 'received', updated_at: t + 1, next_attempt_at: t + 60_000, join: { ...record.join!, outcome: 'joined', details: { at: t + 1, from: 'webhook' } } };
    const raw = { ...makeRaw('ev-cas', t, CANARY.email) };
    const expected = { state: 'waiting' as const, updated_at: t };

    expect(await h.store.completeJoin({ record: joined, expected, raw, identities: ['em:' + 'e'.repeat(64)], recordTtlSec: LONG_TTLS.recordTtlSec })).toEqual({ kind: 'saved' });
    expect(await h.store.get('ev-cas')).toEqual(joined);
    expect((await h.store.getRaw('ev-cas'))?.user).toEqual({ email: CANARY.email });

    const other: ConversionRecord = { ...joined, updated_at: t + 2, reason: 'second' };
    expect(await h.store.completeJoin({ record: other, expected, raw: null, recordTtlSec: LONG_TTLS.recordTtlSec })).toEqual({ kind: 'changed' });
    expect(await h.store.get('ev-cas')).toEqual(joined);
    expect(await h.store.getRaw('ev-cas')).not.toBeNull();
    expect(await h.store.completeJoin({ record: { ...other, event_id: 'ev-none' }, expected, recordTtlSec: 60 })).toEqual({ kind: 'not_found' });
  });

  it('the joined event is found through the identity index: the log search and erasure reach it', async () => {
    const t = h.now();
    const record = waiting('ev-ix', t);
    await h.store.claim({ record, raw: makeRaw('ev-ix', t, ''), joinKeys: record.join!.keys, ...LONG_TTLS });
    const identity = 'em:' + 'f'.repeat(64);
    const joined: ConversionRecord = { ...record, state: 'received', updated_at: t + 1 };
    await h.store.completeJoin({ record: joined, expected: { state: 'waiting', updated_at: t }, raw: makeRaw('ev-ix', t, CANARY.email), identities: [identity], recordTtlSec: LONG_TTLS.recordTtlSec });

    const page = await h.store.listLog({ limit: 10, identity });
    expect(page.records.map((r) => r.event_id)).toEqual(['ev-ix']);
    expect(await h.store.erase([identity])).toEqual({ records: 1, raw_receipts: 1, idempotency_keys: 0, index_entries: 1 });
    expect(await h.store.get('ev-ix')).toBeNull();
  });

  it('completeJoin with raw null deletes the raw receipt (a drop keeps no PII), and reads the pause state', async () => {
    const t = h.now();
    const record = waiting('ev-drop', t);
    await h.store.claim({ record, raw: makeRaw('ev-drop', t, CANARY.email), joinKeys: record.join!.keys, ...LONG_TTLS });
    const pause = { reason: 'meta_error_190', token_fingerprint: 'fp', since: t };
    await h.store.setPause(pause);
    const dropped: ConversionRecord = { ...record, state: 'filtered', reason: 'join_timeout', updated_at: t + 1 };
    delete dropped.next_attempt_at;
    expect(await h.store.completeJoin({ record: dropped, expected: { state: 'waiting', updated_at: t }, raw: null, recordTtlSec: 60 })).toEqual({ kind: 'saved', paused: pause });
    expect(await h.store.getRaw('ev-drop')).toBeNull();
    expect(await h.store.listDue(t + 86_400_000, 10)).toEqual([]);
  });

  it('claimDue picks due waiting records, with their raw receipt, and leases them', async () => {
    const t = h.now();
    const record = waiting('ev-due', t, { next_attempt_at: t - 1 });
    await h.store.claim({ record, raw: makeRaw('ev-due', t, ''), joinKeys: record.join!.keys, ...LONG_TTLS });
    const batch = await h.store.claimDue(t, 10, 60_000);
    expect(batch.events.map((e) => [e.record.event_id, e.record.state, e.hasRaw])).toEqual([['ev-due', 'waiting', true]]);
    expect((await h.store.claimDue(t, 10, 60_000)).events).toEqual([]);
  });

  it('a consent withdrawal cancels a waiting record like any event awaiting send', async () => {
    const t = h.now();
    const record = waiting('ev-wd', t);
    await h.store.claim({ record, raw: makeRaw('ev-wd', t, ''), visitor: 'v-join', joinKeys: record.join!.keys, ...LONG_TTLS });
    expect(await h.store.withdrawVisitor({ visitor: 'v-join', ttlSec: 60, unseenTtlSec: 60, nowMs: t + 1 })).toEqual({ cancelled: ['ev-wd'], final: [] });
    expect((await h.store.get('ev-wd'))?.state).toBe('suppressed');
    expect(await h.store.getRaw('ev-wd')).toBeNull();
    // a details half arriving afterwards finds the event, whose completion is then refused
    expect(await park(details(t))).toEqual({ kind: 'found', eventId: 'ev-wd' });
    expect(await h.store.completeJoin({ record: { ...record, state: 'received' }, expected: { state: 'waiting', updated_at: t }, recordTtlSec: 60 })).toEqual({ kind: 'changed' });
  });

  it('claimParkedDue leases parked halves past their deadline; dropParked deletes one once', async () => {
    const t = h.now();
    const early = details(t, { id: 'tally:a', keys: ['tally:a'], via: 'tally' });
    const late = details(t, { id: 'tally:b', keys: ['tally:b'], via: 'tally' });
    await park(early, t - 10);
    await park(late, t + 60_000);
    expect(await h.store.claimParkedDue(t, 10, 30_000)).toEqual([early]);
    expect(await h.store.claimParkedDue(t, 10, 30_000)).toEqual([]); // leased
    expect(await h.store.claimParkedDue(t + 30_000, 10, 30_000)).toEqual([early]); // the lease ended
    expect(await h.store.dropParked('tally:a')).toBe(true);
    expect(await h.store.dropParked('tally:a')).toBe(false);
    expect(await h.store.claimParkedDue(t + 120_000, 10, 30_000)).toEqual([late]);
    // dropped: its key parks a fresh copy again
    expect(await park(details(t, { id: 'tally:a', keys: ['tally:a'], via: 'tally' }))).toEqual({ kind: 'parked' });
  });

  it('parked details expire with their TTL: nothing of them is left to take', async () => {
    const t = h.now();
    await h.store.parkOrFind({ details: details(t), ttlSec: 1, dueAt: t + 500 });
    await h.advance(1_100);
    const record = waiting('ev-late', h.now());
    expect(await h.store.claim({ record, joinKeys: record.join!.keys, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    expect(await h.store.claimParkedDue(h.now(), 10, 1_000)).toEqual([]);
  });
});
