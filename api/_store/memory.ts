import { ByteSlabs, textAt } from './byte-slabs.js';
import { SortedIds } from './sorted-ids.js';
import { addToSummary, cancelledByWithdrawal, dueScore, emptySummary, isAfterCursor, matchesLogFilters, parseParked, parsePause, parseRaw, parseRecord, rawWithContext, RECENT_LIMIT, serializeRecord, withPayloadContext } from './codec.js';
import { StoreError } from './error.js';
import { createMemoryVisitorIndex } from './memory-visitors.js';
import {
  isAwaitingSend,
  LOG_SCAN_CAP,
  MAX_EVENTS_PER_VISITOR,
  type ClaimInput,
  type ClaimResult,
  type ConditionalSave,
  type DueBatch,
  type ErasureCounts,
  type ExpectedRecord,
  type JoinCompletion,
  type JoinCompletionResult,
  type LogPage,
  type LogQuery,
  type LogSummary,
  type ParkedDetails,
  type ParkInput,
  type ParkResult,
  type PauseState,
  type SaveOptions,
  type Store,
  type WithdrawInput,
  type WithdrawResult,
} from './store.js';
import type { ConversionRecord, RawReceipt } from '../_contract/records.js';
import type { EventState } from '../_contract/wire.js';

/** Options of the embedded store. */
export interface MemoryStoreConfig {
  /** Clock in ms epoch; tests inject one to move past TTLs. @default Date.now */
  now?: () => number;
}

/** How many entries of each kind the store holds, for tests and diagnostics: records and raw receipts that live, index entries live or not yet pruned. */
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
  /** distinct identities the living entries are filed under (ClaimInput.identities) */
  identities: number;
  /** join keys filed to a browser half (ClaimInput.joinKeys) */
  joinKeys: number;
  /** parked details halves (Store.parkOrFind) */
  parked: number;
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

/**
 * Everything kept for one event in one object: its record, its state, its raw receipt, the identities
 * it is filed under and how long each lives. The store keeps ~30 days of events, and each object kept per event is one more for
 * every garbage collection to copy and mark: a Map and a wrapper object per record, per raw receipt
 * and per dedup key came to ~22 objects and 1.3 KB of heap per stored event, and with 70,000 events
 * kept the collector took a quarter of the ingest path's CPU (scripts/bench/ingest.ts).
 * Lifetimes are the claim's time plus whole-second TTLs: one boxed number per event, the rest small
 * integers V8 stores in place.
 */
interface EventEntry {
  /** the record's JSON as text from the claim until its save replaces it a few ms later; then null, its bytes in a slab */
  record: string | null;
  recordSlab: Buffer | null;
  recordOffset: number;
  recordLength: number;
  /** the record's state, kept beside its JSON: the conditional save after every send asks only "still awaiting send?" (parsing ~2 KB to answer was 3.5% of the ingest path's CPU) */
  state: EventState;
  /** the slab holding the raw receipt's JSON; null when there is none or it was deleted */
  rawSlab: Buffer | null;
  rawOffset: number;
  rawLength: number;
  /** ms epoch of the claim, which every lifetime below counts from */
  claimedAt: number;
  recordTtlSec: number;
  rawTtlSec: number;
  /** how long the claim's dedup key names this event; 0 when it wrote none */
  dedupTtlSec: number;
  /** the slab holding the identities this event is filed under (ClaimInput.identities), each ended by a newline; null when none */
  identitiesSlab: Buffer | null;
  identitiesOffset: number;
  identitiesLength: number;
}

const recordLives = (entry: EventEntry, at: number) => entry.claimedAt + entry.recordTtlSec * 1000 > at;
const rawLives = (entry: EventEntry, at: number) => entry.rawSlab !== null && entry.claimedAt + entry.rawTtlSec * 1000 > at;
/** An entry lives while its record or its raw receipt does (a receipt may outlive its record). */
const entryLives = (entry: EventEntry, at: number) => recordLives(entry, at) || rawLives(entry, at);
const recordText = (entry: EventEntry) => entry.record ?? textAt(entry.recordSlab!, entry.recordOffset, entry.recordLength);
const identitiesOf = (entry: EventEntry): string[] => (entry.identitiesSlab === null ? [] : textAt(entry.identitiesSlab, entry.identitiesOffset, entry.identitiesLength - 1).split('\n'));
const NEWLINE = 0x0a;

/**
 * Whether the entry is filed under `identity` (its UTF-8 bytes), compared in the slab line by line:
 * a search reads every entry, and decoding each one's identities would make a string per entry.
 */
function filedUnder(entry: EventEntry, identity: Buffer): boolean {
  const slab = entry.identitiesSlab;
  if (slab === null) return false;
  const end = entry.identitiesOffset + entry.identitiesLength;
  const length = identity.length;
  for (let line = entry.identitiesOffset; line < end; ) {
    // a line of another length, or another last hex digit, is told apart without a call into C++
    if (slab[line + length] === NEWLINE && slab[line + length - 1] === identity[length - 1] && slab.compare(identity, 0, length, line, line + length) === 0) return true;
    // every identity ends with a newline, so the search stops inside the entry's bytes
    line = slab.indexOf(NEWLINE, line) + 1;
  }
  return false;
}

// Expired entries are dropped on read; a full sweep this often bounds what
// nobody reads again. One sweep a minute costs O(entries), a few ms at 100k.
const PRUNE_INTERVAL_MS = 60_000;

/**
 * The embedded store for `npm start`, single-instance deployments and the
 * benchmarks. JavaScript runs one callback at a time and no method awaits
 * between its check and its write, so `claim` is atomic by construction.
 * Values are kept as JSON, like Redis, so a caller mutating a returned
 * record never changes the stored one. The JSON is kept as UTF-8 bytes in
 * shared slabs (byte-slabs.ts), outside the JavaScript heap, so the
 * young-generation GC does not copy ~2 KB per stored event twice over
 * (scavenge pauses were 3.4 instead of 2.0 ms with the text on the heap,
 * scripts/bench/ingest.ts).
 */
export function createMemoryStore(config: MemoryStoreConfig = {}): MemoryStore {
  const now = config.now ?? Date.now;
  /** event_id → its entry, while its record or its raw receipt lives (a receipt may outlive its record: DATA_RETENTION_DAYS > AUDIT_RETENTION_DAYS) */
  const events = new Map<string, EventEntry>();
  /** dedup key → the event_id whose claim wrote it; it names that event while the event's entry says so (EventEntry.dedupTtlSec) */
  const dedupKeys = new Map<string, string>();
  const slabs = new ByteSlabs();
  const due = new SortedIds();
  const recent = new SortedIds();
  const visitors = createMemoryVisitorIndex();
  /** the pause state as JSON, like the Redis key */
  let pauseJson: string | null = null;
  /*
   * The identity index (ClaimInput.identities) has no map of its own: each entry keeps the
   * identities it is filed under, as bytes in a slab, and a search or an erasure reads every entry.
   * A map from identity to event ids kept two strings and two map slots per event on the heap for
   * the whole retention, which the collector marked again and again: ~6 µs of the ingest path's
   * ~88 µs of CPU per event (scripts/bench/ingest.ts), for lookups only an admin makes. An
   * identity lives while an event filed under it keeps its record or its raw receipt, as the Redis
   * key lives as long as the newest filing's longer-lived part: here that is simply the entry's life.
   */
  /** join key → event_id of the browser half that claimed it (Redis jk:<key>) */
  const joinKeys = new Map<string, Expiring<string>>();
  /** join key → id of the details parked under it (Redis jp:<key>) */
  const parkedKeys = new Map<string, Expiring<string>>();
  /** park id → parked details as JSON (Redis pd:<id>) */
  const parked = new Map<string, Expiring<Buffer>>();
  const parkedDue = new SortedIds();
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

  /** The event's entry while its record or raw receipt lives; an entry with neither is dropped. */
  function liveEntry(eventId: string, at: number): EventEntry | undefined {
    const entry = events.get(eventId);
    if (!entry || entryLives(entry, at)) return entry;
    events.delete(eventId);
    return undefined;
  }

  /** The entry while its record lives. */
  function recordEntry(eventId: string, at: number): EventEntry | undefined {
    const entry = liveEntry(eventId, at);
    return entry && recordLives(entry, at) ? entry : undefined;
  }

  function readRecord(eventId: string, at: number): ConversionRecord | null {
    const entry = recordEntry(eventId, at);
    return entry ? parseRecord(recordText(entry)) : null;
  }

  function readRaw(eventId: string, at: number): RawReceipt | null {
    const entry = liveEntry(eventId, at);
    return entry && rawLives(entry, at) ? parseRaw(textAt(entry.rawSlab!, entry.rawOffset, entry.rawLength)) : null;
  }

  /** The event the dedup key names, while the claim that wrote it says it does. */
  function dedupTarget(key: string, at: number): string | null {
    const eventId = dedupKeys.get(key);
    if (eventId === undefined) return null;
    const entry = liveEntry(eventId, at);
    if (entry && entry.claimedAt + entry.dedupTtlSec * 1000 > at) return eventId;
    dedupKeys.delete(key);
    return null;
  }

  /** The ids filed under an identity whose records still live: what its log page lists. */
  function liveIdsOf(identity: string, at: number): string[] {
    const ids: string[] = [];
    const bytes = Buffer.from(identity);
    for (const [id, entry] of events) if (recordLives(entry, at) && filedUnder(entry, bytes)) ids.push(id);
    return ids;
  }

  /** One identity's events, newest first like the recent index (records that expired are left out). */
  function identityEntries(identity: string, at: number): { id: string; score: number }[] {
    const entries: { id: string; score: number }[] = [];
    for (const id of liveIdsOf(identity, at)) {
      const record = readRecord(id, at);
      if (record) entries.push({ id, score: record.received_at });
    }
    return entries.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  function pruneIfDue(at: number): void {
    if (at < nextPruneAt) return;
    nextPruneAt = at + PRUNE_INTERVAL_MS;
    for (const map of [joinKeys, parkedKeys, parked] as Map<string, Expiring<unknown>>[]) {
      for (const [key, entry] of map) if (entry.expiresAt <= at) map.delete(key);
    }
    for (const id of events.keys()) liveEntry(id, at);
    for (const key of dedupKeys.keys()) dedupTarget(key, at);
    visitors.prune(at);
    // Index entries whose record expired would only ever resolve to null.
    for (const index of [due, recent]) {
      for (const id of index.ids()) if (!recordEntry(id, at)) index.delete(id);
    }
    for (const id of parkedDue.ids()) if (!parked.has(id)) parkedDue.delete(id);
  }

  function readParked(id: string, at: number): ParkedDetails | null {
    return parseParked(read(parked, id, at)?.toString('utf8'));
  }

  /** Delete parked details with every key that points at them; the details, or null when gone. */
  function takeParked(id: string, at: number): ParkedDetails | null {
    const details = readParked(id, at);
    parked.delete(id);
    parkedDue.delete(id);
    for (const key of details?.keys ?? []) if (read(parkedKeys, key, at) === id) parkedKeys.delete(key);
    return details;
  }

  /** File the event under `list` too (a join adds the details' identities to its entry's). */
  function fileIdentities(entry: EventEntry, list: readonly string[]): void {
    const filed = identitiesOf(entry);
    const added = list.filter((identity, i) => !filed.includes(identity) && list.indexOf(identity) === i);
    if (added.length === 0) return;
    // identities are `kind:hash` (_pipeline/identity.ts): a newline never occurs in one
    entry.identitiesSlab = slabs.append(`${[...filed, ...added].join('\n')}\n`);
    entry.identitiesOffset = slabs.lastOffset;
    entry.identitiesLength = slabs.lastLength;
  }

  /** Replace a stored record's JSON, and the state kept beside it. */
  function writeRecord(entry: EventEntry, record: ConversionRecord, json: string): void {
    entry.recordSlab = slabs.append(json);
    entry.recordOffset = slabs.lastOffset;
    entry.recordLength = slabs.lastLength;
    entry.record = null;
    entry.state = record.state;
  }

  /** Replace the raw receipt's JSON, or delete it (null). */
  function writeRaw(entry: EventEntry, json: string | null): void {
    entry.rawSlab = json === null ? null : slabs.append(json);
    entry.rawOffset = json === null ? 0 : slabs.lastOffset;
    entry.rawLength = json === null ? 0 : slabs.lastLength;
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
      if (input.visitor !== undefined && visitors.linked(input.visitor, at).length >= MAX_EVENTS_PER_VISITOR) return { kind: 'visitor_limit' };
      if (input.dedupKey !== undefined) {
        const firstId = dedupTarget(input.dedupKey, at);
        const first = firstId === null ? null : readRecord(firstId, at);
        if (first) return { kind: 'duplicate', record: first, matched: 'dedup_key' };
      }
      // The record is text until the save replaces it a few ms later: encoding it would be wasted work.
      const entry: EventEntry = {
        record: serializeRecord(record),
        recordSlab: null,
        recordOffset: 0,
        recordLength: 0,
        state: record.state,
        rawSlab: null,
        rawOffset: 0,
        rawLength: 0,
        claimedAt: at,
        recordTtlSec: input.recordTtlSec,
        rawTtlSec: input.rawTtlSec,
        dedupTtlSec: input.dedupKey !== undefined ? input.dedupTtlSec : 0,
        identitiesSlab: null,
        identitiesOffset: 0,
        identitiesLength: 0,
      };
      if (input.raw) writeRaw(entry, JSON.stringify(rawWithContext(input.raw, record)));
      events.set(record.event_id, entry);
      if (input.dedupKey !== undefined) dedupKeys.set(input.dedupKey, record.event_id);
      recent.set(record.event_id, record.received_at);
      // Same bounds as the Redis claim script: nothing older than the record TTL, at most RECENT_LIMIT ids.
      recent.deleteBelow(record.received_at - input.recordTtlSec * 1000);
      recent.keepHighest(RECENT_LIMIT);
      indexDue(record);
      if (input.visitor !== undefined) visitors.link(input.visitor, record.event_id, at, at + input.rawTtlSec * 1000);
      if (input.identities) fileIdentities(entry, input.identities);
      let taken: ParkedDetails | null = null;
      for (const key of input.joinKeys ?? []) {
        const parkId = read(parkedKeys, key, at);
        if (!taken && parkId !== null) taken = takeParked(parkId, at);
        joinKeys.set(key, { value: record.event_id, expiresAt: at + input.recordTtlSec * 1000 });
      }
      const paused = parsePause(pauseJson);
      const result: ClaimResult = { kind: 'claimed' };
      if (paused) result.paused = paused;
      if (taken) result.parked = taken;
      return result;
    },

    async save(record: ConversionRecord, options: SaveOptions = {}): Promise<boolean> {
      const at = now();
      const entry = recordEntry(record.event_id, at);
      if (!entry) throw new StoreError('save', 'not_found');
      if (options.ifAwaitingSend && !isAwaitingSend(entry.state)) return false;
      writeRecord(entry, record, serializeRecord(record));
      indexDue(record);
      return true;
    },

    async withdrawVisitor(input: WithdrawInput): Promise<WithdrawResult> {
      const at = now();
      const linked = visitors.linked(input.visitor, at);
      visitors.withdraw(input.visitor, at + (linked.length ? input.ttlSec : input.unseenTtlSec) * 1000);
      const result: WithdrawResult = { cancelled: [], final: [] };
      for (const id of linked) {
        const entry = recordEntry(id, at);
        const record = readRecord(id, at);
        if (!entry || !record) continue;
        if (!isAwaitingSend(record.state)) {
          result.final.push(id);
          continue;
        }
        const cancelled = cancelledByWithdrawal(record, input.nowMs);
        writeRecord(entry, cancelled, serializeRecord(cancelled));
        writeRaw(entry, null);
        due.delete(id);
        result.cancelled.push(id);
      }
      return result;
    },

    async clearWithdrawal(visitor: string): Promise<void> {
      visitors.clear(visitor);
    },

    async get(eventId: string): Promise<ConversionRecord | null> {
      const at = now();
      return withPayloadContext(readRecord(eventId, at), readRaw(eventId, at));
    },

    async getRaw(eventId: string): Promise<RawReceipt | null> {
      return readRaw(eventId, now());
    },

    async listDue(nowMs: number, limit: number): Promise<string[]> {
      return due.lowest(nowMs, Math.max(0, limit));
    },

    async listRecent(limit: number): Promise<string[]> {
      return recent.highest(Math.max(0, limit));
    },

    async listLog(query: LogQuery): Promise<LogPage> {
      const at = now();
      const candidates = query.identity !== undefined ? identityEntries(query.identity, at) : recent.descending();
      const page: LogPage = { records: [], emails: {} };
      let examined = 0;
      for (const { id, score } of candidates) {
        if (!isAfterCursor(score, id, query.cursor)) continue;
        if ((query.from !== undefined && score < query.from) || (query.to !== undefined && score > query.to)) continue;
        examined += 1;
        const record = readRecord(id, at);
        if (record && matchesLogFilters(record, query)) {
          page.records.push(record);
          const email = readRaw(id, at)?.user?.email;
          if (typeof email === 'string') page.emails[id] = email;
        }
        if (page.records.length >= query.limit || examined >= LOG_SCAN_CAP) {
          page.next = { at: score, id };
          break;
        }
      }
      return page;
    },

    async summarize(dayStartMs: number, weekStartMs: number): Promise<LogSummary> {
      const at = now();
      const summary = emptySummary();
      for (const { id, score } of recent.descending()) {
        if (score < weekStartMs) break;
        const record = readRecord(id, at);
        if (record) addToSummary(summary, record, dayStartMs);
      }
      return summary;
    },

    async saveIfUnchanged(record: ConversionRecord, expected: ExpectedRecord): Promise<ConditionalSave> {
      const at = now();
      const current = readRecord(record.event_id, at);
      if (!current) return 'not_found';
      if (current.state !== expected.state || current.updated_at !== expected.updated_at) return 'changed';
      writeRecord(recordEntry(record.event_id, at)!, record, serializeRecord(record));
      indexDue(record);
      return 'saved';
    },

    async erase(identityKeys: string[]): Promise<ErasureCounts> {
      const at = now();
      const counts: ErasureCounts = { records: 0, raw_receipts: 0, idempotency_keys: 0, index_entries: 0 };
      const wanted = [...new Set(identityKeys)].map((identity) => ({ identity, bytes: Buffer.from(identity) }));
      const found = new Set<string>();
      const ids: string[] = [];
      // Every event filed under one of them, like the Redis ERASE_SCRIPT: also one whose record
      // expired while its raw receipt (DATA_RETENTION_DAYS > AUDIT_RETENTION_DAYS) still holds PII.
      for (const [id, entry] of events) {
        if (entry.identitiesSlab === null || !entryLives(entry, at)) continue;
        let filed = false;
        for (const { identity, bytes } of wanted) {
          if (!filedUnder(entry, bytes)) continue;
          found.add(identity);
          filed = true;
        }
        if (filed) ids.push(id);
      }
      counts.index_entries = found.size;
      for (const id of ids) {
        const record = readRecord(id, at);
        if (record?.dedup_key !== undefined && dedupTarget(record.dedup_key, at) === id) {
          dedupKeys.delete(record.dedup_key);
          counts.idempotency_keys += 1;
        }
        if (record) counts.records += 1;
        if (readRaw(id, at) !== null) counts.raw_receipts += 1;
        events.delete(id);
        recent.delete(id);
        due.delete(id);
      }
      return counts;
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
        const raw = readRaw(id, at);
        // the payload made whole from the receipt's context, as `get` does (codec.ts withPayloadContext)
        batch.events.push({ record: withPayloadContext(record, raw)!, hasRaw: raw !== null });
      }
      return batch;
    },

    async parkOrFind(input: ParkInput): Promise<ParkResult> {
      const at = now();
      const { details } = input;
      for (const key of details.keys) {
        const eventId = read(joinKeys, key, at);
        if (eventId !== null && readRecord(eventId, at)) return { kind: 'found', eventId };
      }
      for (const key of details.keys) {
        const parkId = read(parkedKeys, key, at);
        if (parkId !== null && read(parked, parkId, at)) return { kind: 'already_parked' };
      }
      const expiresAt = at + input.ttlSec * 1000;
      parked.set(details.id, { value: Buffer.from(JSON.stringify(details)), expiresAt });
      for (const key of details.keys) parkedKeys.set(key, { value: details.id, expiresAt });
      parkedDue.set(details.id, input.dueAt);
      return { kind: 'parked' };
    },

    async completeJoin(input: JoinCompletion): Promise<JoinCompletionResult> {
      const at = now();
      const { record, expected } = input;
      const current = readRecord(record.event_id, at);
      if (!current) return { kind: 'not_found' };
      if (current.state !== expected.state || current.updated_at !== expected.updated_at) return { kind: 'changed' };
      const entry = recordEntry(record.event_id, at)!;
      writeRecord(entry, record, serializeRecord(record));
      indexDue(record);
      if (input.raw === null) writeRaw(entry, null);
      // KEEPTTL, like the Redis script: a receipt that already expired is not brought back.
      else if (input.raw && rawLives(entry, at)) writeRaw(entry, JSON.stringify(rawWithContext(input.raw, record)));
      if (input.identities) fileIdentities(entry, input.identities);
      const paused = parsePause(pauseJson);
      return paused ? { kind: 'saved', paused } : { kind: 'saved' };
    },

    async claimParkedDue(nowMs: number, limit: number, leaseMs: number): Promise<ParkedDetails[]> {
      const at = now();
      const out: ParkedDetails[] = [];
      for (const id of parkedDue.lowest(nowMs, Math.max(0, limit))) {
        const details = readParked(id, at);
        if (!details) {
          parkedDue.delete(id);
          continue;
        }
        parkedDue.set(id, nowMs + leaseMs);
        out.push(details);
      }
      return out;
    },

    async dropParked(id: string): Promise<boolean> {
      return takeParked(id, now()) !== null;
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
      const at = now();
      let liveRecords = 0;
      let liveRaws = 0;
      const liveIdentities = new Set<string>();
      for (const entry of events.values()) {
        if (recordLives(entry, at)) liveRecords += 1;
        if (rawLives(entry, at)) liveRaws += 1;
        if (entryLives(entry, at)) for (const identity of identitiesOf(entry)) liveIdentities.add(identity);
      }
      return {
        records: liveRecords,
        raws: liveRaws,
        dedupKeys: dedupKeys.size,
        due: due.size,
        recent: recent.size,
        ...visitors.counts(),
        identities: liveIdentities.size,
        joinKeys: joinKeys.size,
        parked: parked.size,
      };
    },
  };
}
