import { describe, expect, it } from 'vitest';
import { LOG_SCAN_CAP, type LogQuery } from '../../api/_store/store.js';
import type { ConversionRecord } from '../../api/_contract/records.js';
import { CANARY } from '../support/canaries.js';
import { describeStoreContract, LONG_TTLS, makeRaw, makeRecord } from './store-harness.js';

// The Store contract's admin half (store.ts listLog, saveIfUnchanged, erase and the identity
// index the claim keeps), proven on both backends like store-contract.test.ts.

describeStoreContract('Store contract (admin)', (h, backend) => {
  async function claimAll(records: ConversionRecord[], identities: (r: ConversionRecord) => string[] = () => []): Promise<void> {
    for (const record of records) {
      expect(await h.store.claim({ record, identities: identities(record), ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    }
  }

  async function allPages(query: Omit<LogQuery, 'cursor'>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: LogQuery['cursor'];
    let pages = 0;
    do {
      const page = await h.store.listLog({ ...query, ...(cursor ? { cursor } : {}) });
      ids.push(...page.records.map((r) => r.event_id));
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 50);
    return { ids, pages };
  }

  it('listLog pages newest first with a cursor, ties by id descending, with no gap and no repeat', async () => {
    const t = h.now();
    // three share one received_at: the cursor must not skip or repeat them
    const times = [t - 5000, t - 4000, t - 3000, t - 3000, t - 3000, t - 2000, t - 1000];
    await claimAll(times.map((at, i) => makeRecord(`ev-${String.fromCharCode(97 + i)}`, at)));
    const first = await h.store.listLog({ limit: 3 });
    expect(first.records.map((r) => r.event_id)).toEqual(['ev-g', 'ev-f', 'ev-e']);
    expect(first.next).toEqual({ at: t - 3000, id: 'ev-e' });
    const { ids } = await allPages({ limit: 3 });
    expect(ids).toEqual(['ev-g', 'ev-f', 'ev-e', 'ev-d', 'ev-c', 'ev-b', 'ev-a']);
  });

  it('listLog filters by state, tool, form and time range', async () => {
    const t = h.now();
    await claimAll([
      makeRecord('ev-sent-a', t - 4000, { state: 'sent', next_attempt_at: undefined, source: { tool: 'cf7', form: 'quote' } }),
      makeRecord('ev-failed', t - 3000, { state: 'failed', next_attempt_at: undefined, source: { tool: 'cf7', form: 'contact' } }),
      makeRecord('ev-sent-b', t - 2000, { state: 'sent', next_attempt_at: undefined, source: { tool: 'hubspot', form: 'quote' } }),
      makeRecord('ev-nosrc', t - 1000, { state: 'sent', next_attempt_at: undefined, source: undefined }),
    ]);
    const ids = async (q: Omit<LogQuery, 'limit'>) => (await allPages({ limit: 50, ...q })).ids;
    expect(await ids({ state: 'sent' })).toEqual(['ev-nosrc', 'ev-sent-b', 'ev-sent-a']);
    expect(await ids({ tool: 'cf7' })).toEqual(['ev-failed', 'ev-sent-a']);
    expect(await ids({ form: 'quote', state: 'sent' })).toEqual(['ev-sent-b', 'ev-sent-a']);
    expect(await ids({ from: t - 3000, to: t - 2000 })).toEqual(['ev-sent-b', 'ev-failed']);
    expect(await ids({ state: 'pending' })).toEqual([]);
  });

  it('listLog stops after the scan cap with a cursor, so a rare filter still pages through', async () => {
    const t = h.now();
    const many = Array.from({ length: LOG_SCAN_CAP + 5 }, (_, i) => makeRecord(`ev-${String(i).padStart(5, '0')}`, t - 100_000 + i));
    many[0] = makeRecord('ev-00000', t - 100_000, { state: 'failed', next_attempt_at: undefined });
    await claimAll(many);
    const first = await h.store.listLog({ limit: 50, state: 'failed' });
    expect(first.records).toEqual([]);
    expect(first.next).toBeDefined();
    const second = await h.store.listLog({ limit: 50, state: 'failed', cursor: first.next! });
    expect(second.records.map((r) => r.event_id)).toEqual(['ev-00000']);
    expect(second.next).toBeUndefined();
  }, 60_000);

  it('the claim indexes identities; listLog with an identity lists only that person, newest first', async () => {
    const t = h.now();
    const person = (r: ConversionRecord) => (r.event_id.startsWith('ev-jane') ? ['em:jane-hash', 'ph:jane-phone-hash'] : ['em:john-hash']);
    await claimAll([makeRecord('ev-jane-1', t - 3000), makeRecord('ev-john-1', t - 2000), makeRecord('ev-jane-2', t - 1000)], person);
    expect((await h.store.listLog({ limit: 50, identity: 'em:jane-hash' })).records.map((r) => r.event_id)).toEqual(['ev-jane-2', 'ev-jane-1']);
    expect((await h.store.listLog({ limit: 1, identity: 'ph:jane-phone-hash' })).records.map((r) => r.event_id)).toEqual(['ev-jane-2']);
    expect((await h.store.listLog({ limit: 50, identity: 'em:nobody' })).records).toEqual([]);
  });

  it('listLog hands back the raw receipt’s email while it lives, and none after', async () => {
    const t = h.now();
    await h.store.claim({ record: makeRecord('ev-with-raw', t - 10), raw: makeRaw('ev-with-raw', t - 10, CANARY.email), ...LONG_TTLS, rawTtlSec: 1 });
    await h.store.claim({ record: makeRecord('ev-no-raw', t), ...LONG_TTLS });
    const page = await h.store.listLog({ limit: 10 });
    expect(page.records.map((r) => r.event_id)).toEqual(['ev-no-raw', 'ev-with-raw']);
    expect(page.emails).toEqual({ 'ev-with-raw': CANARY.email });
    await h.advance(1100);
    expect((await h.store.listLog({ limit: 10 })).emails).toEqual({});
  });

  it('summarize counts states per day and week and the match keys of sent events', async () => {
    const t = h.now();
    const day = 86_400_000;
    const sentWith = (keys: Record<string, unknown>) => ({
      state: 'sent' as const,
      next_attempt_at: undefined,
      payload: { event_name: 'Lead', event_time: 1, event_id: 'x', action_source: 'website' as const, event_source_url: 'https://www.example.com/', data_processing_options: [], user_data: { client_user_agent: 'UA', ...keys } },
    });
    await claimAll([
      makeRecord('ev-old', t - 9 * day, { state: 'failed', next_attempt_at: undefined }),
      makeRecord('ev-week-sent', t - 3 * day, sentWith({ em: ['h'], fbp: 'fb.1.1.1' })),
      makeRecord('ev-week-failed', t - 2 * day, { state: 'failed', next_attempt_at: undefined }),
      makeRecord('ev-day-sent', t - 1000, sentWith({ em: ['h'], ph: ['p'], fbc: 'fb.1.1.abc', ln: [] })),
      makeRecord('ev-day-filtered', t - 500, { state: 'filtered', next_attempt_at: undefined }),
    ]);
    const summary = await h.store.summarize(t - day, t - 7 * day);
    expect(summary.day).toEqual({ sent: 1, filtered: 1 });
    expect(summary.week).toEqual({ sent: 2, failed: 1, filtered: 1 });
    expect(summary.sent).toBe(2);
    expect(summary.carrying).toEqual({ em: 2, ph: 1, fn: 0, ln: 0, external_id: 0, fbc: 1, fbp: 1, client_ip_address: 0, client_user_agent: 2 });
  });

  it('saveIfUnchanged replaces only the expected state and updated_at, and moves the due index', async () => {
    const t = h.now();
    const failed = makeRecord('ev-dead', t - 1000, { state: 'failed', next_attempt_at: undefined, updated_at: t - 500 });
    await claimAll([failed]);
    const leased = { ...failed, state: 'received' as const, reason: 'resend', updated_at: t, next_attempt_at: t + 60_000 };
    expect(await h.store.saveIfUnchanged(leased, { state: 'failed', updated_at: t - 499 })).toBe('changed');
    expect(await h.store.saveIfUnchanged(leased, { state: 'sent', updated_at: t - 500 })).toBe('changed');
    expect(await h.store.get('ev-dead')).toEqual(failed);
    expect(await h.store.saveIfUnchanged(leased, { state: 'failed', updated_at: t - 500 })).toBe('saved');
    expect(await h.store.get('ev-dead')).toEqual(leased);
    expect(await h.store.listDue(t + 60_000, 10)).toEqual(['ev-dead']);
    expect(await h.store.saveIfUnchanged({ ...leased, event_id: 'ev-none' }, { state: 'failed', updated_at: t })).toBe('not_found');
    expect(await h.store.get('ev-none')).toBeNull();
  });

  it('lets exactly one of 20 parallel saveIfUnchanged calls take the lease', async () => {
    const t = h.now();
    const failed = makeRecord('ev-race', t - 1000, { state: 'failed', next_attempt_at: undefined, updated_at: t - 500 });
    await claimAll([failed]);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.store.saveIfUnchanged({ ...failed, state: 'received', updated_at: t + i, next_attempt_at: t + 60_000 }, { state: 'failed', updated_at: t - 500 })),
    );
    expect(results.filter((r) => r === 'saved')).toHaveLength(1);
    expect(results.filter((r) => r === 'changed')).toHaveLength(19);
  });

  // DATA_RETENTION_DAYS may exceed AUDIT_RETENTION_DAYS: a raw receipt (the PII in the clear) can outlive its
  // record, and erasure by identity must still find it while the identity lives on a newer record.
  it('erase removes the raw receipt of an event whose record expired first', async () => {
    const t = h.now();
    const ttls = { dedupTtlSec: 600, recordTtlSec: 1, rawTtlSec: 30 };
    expect(await h.store.claim({ record: makeRecord('ev-old', t), raw: makeRaw('ev-old', t, CANARY.email), identities: ['em:kept-raw'], ...ttls })).toEqual({ kind: 'claimed' });
    expect(await h.store.claim({ record: makeRecord('ev-new', t), identities: ['em:kept-raw'], ...ttls, recordTtlSec: 30 })).toEqual({ kind: 'claimed' });
    await h.advance(1_200);
    expect(await h.store.get('ev-old')).toBeNull();
    expect(await h.store.getRaw('ev-old')).not.toBeNull();
    expect(await h.store.erase(['em:kept-raw'])).toEqual({ records: 1, raw_receipts: 1, idempotency_keys: 0, index_entries: 1 });
    expect(await h.store.getRaw('ev-old')).toBeNull();
  });

  // ... and when every record filed under the identity has expired: the identity entry lives as long as the
  // longest-lived thing its newest filing kept, so the receipt is still found by the person's identity.
  it('erase removes a raw receipt that outlived every record of its identity', async () => {
    const t = h.now();
    const ttls = { dedupTtlSec: 600, recordTtlSec: 1, rawTtlSec: 30 };
    expect(await h.store.claim({ record: makeRecord('ev-lone', t), raw: makeRaw('ev-lone', t, CANARY.email), identities: ['em:lone-raw'], ...ttls })).toEqual({ kind: 'claimed' });
    await h.advance(1_200);
    expect(await h.store.get('ev-lone')).toBeNull();
    expect(await h.store.getRaw('ev-lone')).not.toBeNull();
    expect(await h.store.erase(['em:lone-raw'])).toEqual({ records: 0, raw_receipts: 1, idempotency_keys: 0, index_entries: 1 });
    expect(await h.store.getRaw('ev-lone')).toBeNull();
  });

  it('erase removes every record, raw receipt, dedup key and index entry of one person, and nothing of anyone else', async () => {
    const t = h.now();
    const jane = ['em:jane', 'ph:jane'];
    const john = ['em:john'];
    const claim = async (id: string, identities: string[], dedupKey: string, email: string) => {
      const record = makeRecord(id, t, { dedup_key: dedupKey });
      expect(await h.store.claim({ record, raw: makeRaw(id, t, email), dedupKey, identities, ...LONG_TTLS })).toEqual({ kind: 'claimed' });
    };
    await claim('ev-jane-1', jane, 'dk-jane-1', CANARY.email);
    await claim('ev-jane-2', ['ph:jane'], 'dk-jane-2', CANARY.email);
    await claim('ev-john-1', john, 'dk-john-1', 'john@example.org');
    const { direct, prefix } = backend;
    const before = direct ? await direct.keys(`${prefix}*`) : [];

    expect(await h.store.erase(jane)).toEqual({ records: 2, raw_receipts: 2, idempotency_keys: 2, index_entries: 2 });

    for (const id of ['ev-jane-1', 'ev-jane-2']) {
      expect(await h.store.get(id)).toBeNull();
      expect(await h.store.getRaw(id)).toBeNull();
    }
    expect(await h.store.listRecent(10)).toEqual(['ev-john-1']);
    expect(await h.store.listDue(t + 120_000, 10)).toEqual(['ev-john-1']);
    expect((await h.store.listLog({ limit: 10, identity: 'ph:jane' })).records).toEqual([]);
    expect((await h.store.listLog({ limit: 10, identity: 'em:john' })).records.map((r) => r.event_id)).toEqual(['ev-john-1']);
    expect(await h.store.getRaw('ev-john-1')).not.toBeNull();
    // the erased dedup key no longer answers; John's still does
    expect((await h.store.claim({ record: makeRecord('ev-jane-3', t), dedupKey: 'dk-jane-1', ...LONG_TTLS })).kind).toBe('claimed');
    expect((await h.store.claim({ record: makeRecord('ev-john-2', t), dedupKey: 'dk-john-1', ...LONG_TTLS })).kind).toBe('duplicate');
    // a second erasure finds nothing
    expect(await h.store.erase(jane)).toEqual({ records: 0, raw_receipts: 0, idempotency_keys: 0, index_entries: 0 });

    if (direct) {
      const after = new Set(await direct.keys(`${prefix}*`));
      const janeKeys = ['rec:ev-jane-1', 'rec:ev-jane-2', 'raw:ev-jane-1', 'raw:ev-jane-2', 'dk:dk-jane-1', 'ix:em:jane', 'ix:ph:jane'].map((k) => prefix + k);
      for (const key of janeKeys) expect(before).toContain(key);
      for (const key of janeKeys.filter((k) => !k.endsWith('dk:dk-jane-1'))) expect(after.has(key)).toBe(false);
      // every key of anyone else is still there
      for (const key of before.filter((k) => !janeKeys.includes(k) && !k.endsWith('dk:dk-jane-2'))) expect(after.has(key)).toBe(true);
      expect(await direct.zrange(`${prefix}recent`, '0', '-1')).not.toContain('ev-jane-1');
    }
  });
});
