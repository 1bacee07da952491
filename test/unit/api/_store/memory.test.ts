import { describe, expect, it } from 'vitest';
import { RECENT_LIMIT } from '../../../../api/_store/codec.js';
import { createMemoryStore } from '../../../../api/_store/memory.js';
import type { ConversionRecord } from '../../../../api/_contract/records.js';

const T0 = 1_700_000_000_000;
const TTLS = { dedupTtlSec: 600, rawTtlSec: 60, recordTtlSec: 120 };

function record(id: string, receivedAt: number): ConversionRecord {
  return {
    event_id: id,
    event_name: 'Lead',
    state: 'received',
    received_at: receivedAt,
    updated_at: receivedAt,
    event_time: Math.floor(receivedAt / 1000),
    event_source_url: 'https://www.example.com/',
    consent: { ads: 'granted', gpc: false, verdict: 'allowed', basis: 'test' },
    attempts: [],
    next_attempt_at: receivedAt + 1_000,
  };
}

function clockedStore() {
  const clock = { now: T0 };
  return { clock, store: createMemoryStore({ now: () => clock.now }) };
}

describe('memory store', () => {
  it('prunes expired entries it is never asked about again, so it cannot grow without bound', async () => {
    const { clock, store } = clockedStore();
    for (let i = 0; i < 50; i += 1) {
      const id = `ev-${i}`;
      await store.claim({ record: record(id, clock.now), raw: { event_id: id, received_at: clock.now }, dedupKey: `dk-${i}`, visitor: `v-${i}`, joinKeys: [`eid:${id}`], ...TTLS });
      await store.parkOrFind({ details: { id: `tally:${i}`, keys: [`tally:${i}`], from: 'webhook', at: clock.now, via: 'tally', user: {} }, ttlSec: 300, dueAt: clock.now + 300_000 });
      await store.withdrawVisitor({ visitor: `w-${i}`, ttlSec: 300, unseenTtlSec: 300, nowMs: clock.now });
    }
    expect(store.countEntries()).toEqual({ records: 50, raws: 50, dedupKeys: 50, due: 50, recent: 50, withdrawals: 50, visitorLinks: 50, identities: 0, joinKeys: 50, parked: 50 });

    // Past every TTL and the prune interval: the next write sweeps everything that expired.
    clock.now += 15 * 60_000;
    await store.claim({ record: record('ev-late', clock.now), ...TTLS });
    expect(store.countEntries()).toEqual({ records: 1, raws: 0, dedupKeys: 0, due: 1, recent: 1, withdrawals: 0, visitorLinks: 0, identities: 0, joinKeys: 0, parked: 0 });
  });

  it('files an identity under one event, then more, each filing extending it; an expired one starts over', async () => {
    const { clock, store } = clockedStore();
    const listed = async () => (await store.listLog({ limit: 10, identity: 'em:a' })).records.map((r) => r.event_id);
    await store.claim({ record: record('ev-1', clock.now), identities: ['em:a'], ...TTLS });
    expect(await listed()).toEqual(['ev-1']);
    // the same event filed again (a join completing) lists it once
    await store.completeJoin({ record: record('ev-1', clock.now), expected: { state: 'received', updated_at: clock.now }, identities: ['em:a'], recordTtlSec: TTLS.recordTtlSec });
    expect(await listed()).toEqual(['ev-1']);
    clock.now += 60_000;
    await store.claim({ record: record('ev-2', clock.now), identities: ['em:a'], ...TTLS });
    clock.now += 1;
    await store.claim({ record: record('ev-3', clock.now), identities: ['em:a'], ...TTLS });
    expect(await listed()).toEqual(['ev-3', 'ev-2', 'ev-1']);
    // ev-1's record is gone at 120 s; the entry lives on with the newest filing
    clock.now += 70_000;
    expect(await listed()).toEqual(['ev-3', 'ev-2']);
    expect(await store.erase(['em:a'])).toMatchObject({ records: 2, index_entries: 1 });
    clock.now += 200_000;
    await store.claim({ record: record('ev-4', clock.now), identities: ['em:a'], ...TTLS });
    expect(await listed()).toEqual(['ev-4']);
  });

  it('lists and erases by the exact identity: not one that shares its kind, its hash or its ending', async () => {
    const { clock, store } = clockedStore();
    await store.claim({ record: record('ev-1', clock.now), identities: ['em:ab', 'external_id:ab'], ...TTLS });
    clock.now += 1;
    await store.claim({ record: record('ev-2', clock.now), identities: ['em:b', 'em:ab'], ...TTLS });
    clock.now += 1;
    await store.claim({ record: record('ev-3', clock.now), identities: ['ph:ab'], ...TTLS });
    const listed = async (identity: string) => (await store.listLog({ limit: 10, identity })).records.map((r) => r.event_id);
    expect(await listed('em:ab')).toEqual(['ev-2', 'ev-1']);
    expect(await listed('em:b')).toEqual(['ev-2']);
    expect(await listed('ab')).toEqual([]);
    expect(await listed('em:a')).toEqual([]);
    expect(await store.erase(['external_id:ab', 'em:nobody'])).toMatchObject({ records: 1, index_entries: 1 });
    expect(await listed('em:ab')).toEqual(['ev-2']);
    expect(await listed('ph:ab')).toEqual(['ev-3']);
  });

  it('hands out copies: changing a returned record does not change the stored one', async () => {
    const { clock, store } = clockedStore();
    const original = record('ev-copy', clock.now);
    await store.claim({ record: original, ...TTLS });
    original.state = 'failed';

    const read = (await store.get('ev-copy'))!;
    read.attempts.push({ at: 1, duration_ms: 1, status: 200, outcome: 'ok' });
    expect(await store.get('ev-copy')).toMatchObject({ state: 'received', attempts: [] });
  });

  it(`keeps only the newest ${RECENT_LIMIT} ids in the recent list`, async () => {
    const { clock, store } = clockedStore();
    const total = RECENT_LIMIT + 25;
    for (let i = 0; i < total; i += 1) {
      await store.claim({ record: record(`ev-${String(i).padStart(6, '0')}`, clock.now + i), ...TTLS });
    }
    const recent = await store.listRecent(total);
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0]).toBe(`ev-${String(total - 1).padStart(6, '0')}`);
    expect(recent.at(-1)).toBe(`ev-${String(25).padStart(6, '0')}`);
  });

  it('refuses to save a record whose TTL has passed', async () => {
    const { clock, store } = clockedStore();
    await store.claim({ record: record('ev-exp', clock.now), ...TTLS });
    clock.now += TTLS.recordTtlSec * 1000;
    await expect(store.save(record('ev-exp', T0))).rejects.toMatchObject({ name: 'StoreError', failure: 'not_found' });
  });

  it('keeps any Unicode a visitor types, byte for byte (values are stored as UTF-8)', async () => {
    const { store } = clockedStore();
    const raw = { event_id: 'ev-u', received_at: T0, user: { first_name: 'Zoë', last_name: '李', city: 'Łódź 🏙️', state: '\u2028' } };
    const claimed = { ...record('ev-u', T0), source: { form: 'Kontaktformular – Größe' } };
    await store.claim({ record: claimed, raw, ...TTLS });
    expect(await store.getRaw('ev-u')).toEqual(raw);
    expect(await store.get('ev-u')).toEqual(claimed);
    const saved = { ...claimed, state: 'sent' as const, reason: 'ok ✓' };
    await store.save(saved);
    expect(await store.get('ev-u')).toEqual(saved);
  });

  it('keeps a raw receipt that outlives its record (DATA_RETENTION_DAYS > AUDIT_RETENTION_DAYS), then drops both', async () => {
    const { clock, store } = clockedStore();
    const raw = { event_id: 'ev-r', received_at: T0, user: { email: 'ada@example.org' } };
    await store.claim({ record: record('ev-r', T0), raw, dedupKey: 'dk-r', ...TTLS, rawTtlSec: 300, recordTtlSec: 120 });
    clock.now += 120_000;
    expect(await store.get('ev-r')).toBeNull();
    expect(await store.getRaw('ev-r')).toEqual(raw);
    expect(store.countEntries()).toMatchObject({ records: 0, raws: 1 });
    await expect(store.save(record('ev-r', T0))).rejects.toMatchObject({ failure: 'not_found' });
    clock.now += 180_000;
    expect(await store.getRaw('ev-r')).toBeNull();
    expect(store.countEntries()).toMatchObject({ records: 0, raws: 0 });
  });

  it('lets a dedup key name its event for the dedup window only, then a new claim under it is a new event', async () => {
    const { clock, store } = clockedStore();
    const ttls = { ...TTLS, recordTtlSec: 3_600 };
    await store.claim({ record: record('ev-a', T0), dedupKey: 'dk', ...ttls });
    clock.now += TTLS.dedupTtlSec * 1000 - 1;
    expect(await store.claim({ record: record('ev-b', clock.now), dedupKey: 'dk', ...ttls })).toMatchObject({ kind: 'duplicate', matched: 'dedup_key', record: { event_id: 'ev-a' } });
    clock.now += 1;
    expect(await store.claim({ record: record('ev-c', clock.now), dedupKey: 'dk', ...ttls })).toEqual({ kind: 'claimed' });
    clock.now += 1;
    expect(await store.claim({ record: record('ev-d', clock.now), dedupKey: 'dk', ...ttls })).toMatchObject({ kind: 'duplicate', record: { event_id: 'ev-c' } });
  });

  it('erases by identity the raw receipt of an event whose record expired first, while the identity lives on a newer record', async () => {
    const { clock, store } = clockedStore();
    const ttls = { ...TTLS, rawTtlSec: 300, recordTtlSec: 120 };
    await store.claim({ record: record('ev-old', clock.now), raw: { event_id: 'ev-old', received_at: clock.now, user: { email: 'ada@example.org' } }, identities: ['em:a'], ...ttls });
    clock.now += 100_000;
    await store.claim({ record: record('ev-new', clock.now), identities: ['em:a'], ...ttls });
    clock.now += 30_000; // ev-old's record is gone, its raw receipt is not
    expect(await store.getRaw('ev-old')).not.toBeNull();
    // a prune in between (past its interval) keeps the identity's link to that receipt
    clock.now += 60_000;
    await store.claim({ record: record('ev-other', clock.now), ...ttls });
    expect(await store.getRaw('ev-old')).not.toBeNull();
    expect(await store.erase(['em:a'])).toEqual({ records: 1, raw_receipts: 1, idempotency_keys: 0, index_entries: 1 });
    expect(await store.getRaw('ev-old')).toBeNull();
  });
});
