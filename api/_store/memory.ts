import { SortedIds } from './sorted-ids.js';
import { dueScore, parsePause, parseRaw, parseRecord, RECENT_LIMIT, serializeRecord, type PayloadJson } from './codec.js';
import { StoreError } from './error.js';
import { createMemoryVisitorIndex } from './memory-visitors.js';
import { isAwaitingSend, type ClaimInput, type ClaimResult, type DueBatch, type PauseState, type Store } from './store.js';
import type { ConversionRecord, RawReceipt } from '../_contract/records.js';

/** Options of the embedded store. */
export interface MemoryStoreConfig {
  /** Clock in ms epoch; tests inject one to move past TTLs. @default Date.now */
  now?: () => number;
  /** How a record's payload becomes JSON (codec.ts). @default JSON.stringify */
  payloadJson?: PayloadJson;
}

/** How many live-or-not-yet-pruned entries each map holds (for tests and diagnostics). */
export interface MemoryStoreCounts {
  records: number;
  raws: number;
  dedupKeys: number;
  due: number;
  recent: number;
  /** visitors with a withdrawal marker */
  withdrawals: number;
  /** visitors with a set of linked event ids */
  visitorLinks: number;
}

/** The embedded Store plus a look at its size. */
export interface MemoryStore extends Store {
  countEntries(): MemoryStoreCounts;
}

interface Expiring<V> {
  /** JSON as UTF-8 bytes (as text while a claimed record awaits its save; an event_id for dedup keys), so callers never share objects with the store */
  value: V;
  /** ms epoch */
  expiresAt: number;
}

// Expired entries are dropped on read; a full sweep this often bounds what
// nobody reads again. One sweep a minute costs O(entries), a few ms at 100k.
const PRUNE_INTERVAL_MS = 60_000;

/**
 * The embedded store for `npm start`, single-instance deployments and the
 * benchmarks. JavaScript runs one callback at a time and no method awaits
 * between its check and its write, so `claim` is atomic by construction.
 * Values are kept as JSON, like Redis, so a caller mutating a returned
 * record never changes the stored one. The JSON is kept as UTF-8 bytes: a
 * Buffer's bytes live outside the JavaScript heap, so the young-generation GC
 * does not copy ~2 KB per stored event twice over (scavenge pauses were 3.4
 * instead of 2.0 ms with the text on the heap, scripts/bench/ingest.ts).
 */
export function createMemoryStore(config: MemoryStoreConfig = {}): MemoryStore {
  const now = config.now ?? Date.now;
  const payloadJson = config.payloadJson ?? JSON.stringify;
  const records = new Map<string, Expiring<Buffer | string>>();
  const raws = new Map<string, Expiring<Buffer>>();
  const dedupKeys = new Map<string, Expiring<string>>();
  const due = new SortedIds();
  const recent = new SortedIds();
  const visitors = createMemoryVisitorIndex();
  /** the pause state as JSON, like the Redis key */
  let pauseJson: string | null = null;
  let nextPruneAt = now() + PRUNE_INTERVAL_MS;

  function read<V>(map: Map<string, Expiring<V>>, key: string, at: number): V | null {
    const entry = map.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= at) {
      map.delete(key);
      return null;
    }
    return entry.value;
  }

  function readRecord(eventId: string, at: number): ConversionRecord | null {
    const value = read(records, eventId, at);
    return parseRecord(typeof value === 'string' ? value : value?.toString('utf8'));
  }

  function pruneIfDue(at: number): void {
    if (at < nextPruneAt) return;
    nextPruneAt = at + PRUNE_INTERVAL_MS;
    for (const map of [records, raws, dedupKeys]) {
      for (const [key, entry] of map) if (entry.expiresAt <= at) map.delete(key);
    }
    visitors.prune(at);
    // Index entries whose record expired would only ever resolve to null.
    for (const index of [due, recent]) {
      for (const id of index.ids()) if (!records.has(id)) index.delete(id);
    }
  }

  function indexDue(record: ConversionRecord): void {
    const score = dueScore(record);
    if (score === null) due.delete(record.event_id);
    else due.set(record.event_id, score);
  }

  return {
    async claim(input: ClaimInput): Promise<ClaimResult> {
      const at = now();
      pruneIfDue(at);
      const { record } = input;
      const existing = readRecord(record.event_id, at);
      if (existing) return { kind: 'duplicate', record: existing, matched: 'event_id' };
      if (input.visitor !== undefined && visitors.isWithdrawn(input.visitor, at)) return { kind: 'withdrawn' };
      if (input.dedupKey !== undefined) {
        const firstId = read(dedupKeys, input.dedupKey, at);
        const first = firstId === null ? null : readRecord(firstId, at);
        if (first) return { kind: 'duplicate', record: first, matched: 'dedup_key' };
      }
      // Text until the save replaces it a few ms later: encoding it would be wasted work.
      records.set(record.event_id, { value: serializeRecord(record, payloadJson), expiresAt: at + input.recordTtlSec * 1000 });
      if (input.raw) {
        raws.set(record.event_id, { value: Buffer.from(JSON.stringify(input.raw)), expiresAt: at + input.rawTtlSec * 1000 });
      }
      if (input.dedupKey !== undefined) {
        dedupKeys.set(input.dedupKey, { value: record.event_id, expiresAt: at + input.dedupTtlSec * 1000 });
      }
      recent.set(record.event_id, record.received_at);
      // Same bounds as the Redis claim script: nothing older than the record TTL, at most RECENT_LIMIT ids.
      recent.deleteBelow(record.received_at - input.recordTtlSec * 1000);
      recent.keepHighest(RECENT_LIMIT);
      indexDue(record);
      if (input.visitor !== undefined) visitors.link(input.visitor, record.event_id, at, at + input.rawTtlSec * 1000);
      const paused = parsePause(pauseJson);
      return paused ? { kind: 'claimed', paused } : { kind: 'claimed' };
    },

    async save(record: ConversionRecord): Promise<void> {
      const at = now();
      const entry = records.get(record.event_id);
      if (!entry || entry.expiresAt <= at) throw new StoreError('save', 'not_found');
      entry.value = Buffer.from(serializeRecord(record, payloadJson));
      indexDue(record);
    },

    async withdrawVisitor(visitor: string, ttlSec: number): Promise<string[]> {
      const at = now();
      const linked = visitors.withdraw(visitor, at + ttlSec * 1000, at);
      for (const id of linked) {
        const record = readRecord(id, at);
        if (record && isAwaitingSend(record.state)) raws.delete(id);
      }
      return linked;
    },

    async clearWithdrawal(visitor: string): Promise<void> {
      visitors.clear(visitor);
    },

    async get(eventId: string): Promise<ConversionRecord | null> {
      return readRecord(eventId, now());
    },

    async getRaw(eventId: string): Promise<RawReceipt | null> {
      return parseRaw(read(raws, eventId, now())?.toString('utf8'));
    },

    async listDue(nowMs: number, limit: number): Promise<string[]> {
      return due.lowest(nowMs, Math.max(0, limit));
    },

    async listRecent(limit: number): Promise<string[]> {
      return recent.highest(Math.max(0, limit));
    },

    async claimDue(nowMs: number, limit: number, leaseMs: number): Promise<DueBatch> {
      const at = now();
      const paused = parsePause(pauseJson);
      const ids = due.lowest(nowMs, Math.max(0, paused ? Math.min(1, limit) : limit));
      const batch: DueBatch = { paused, picked: ids.length, events: [] };
      for (const id of ids) {
        const record = readRecord(id, at);
        if (!record || !isAwaitingSend(record.state)) {
          due.delete(id);
          continue;
        }
        due.set(id, nowMs + leaseMs);
        batch.events.push({ record, hasRaw: read(raws, id, at) !== null });
      }
      return batch;
    },

    async getPause(): Promise<PauseState | null> {
      return parsePause(pauseJson);
    },

    async setPause(state: PauseState): Promise<void> {
      pauseJson = JSON.stringify(state);
    },

    async clearPause(): Promise<void> {
      pauseJson = null;
    },

    countEntries(): MemoryStoreCounts {
      return { records: records.size, raws: raws.size, dedupKeys: dedupKeys.size, due: due.size, recent: recent.size, ...visitors.counts() };
    },
  };
}
