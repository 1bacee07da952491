import type { Redis } from '@upstash/redis';
import { dueScore, emptySummary, parseParked, parsePause, parseRaw, parseRecord, rawWithContext, RECENT_LIMIT, serializeRecord, withPayloadContext } from './codec.js';
import { StoreError, type StoreOperation } from './error.js';
import {
  CLAIM_DUE_SCRIPT,
  CLAIM_PARKED_DUE_SCRIPT,
  CLAIM_SCRIPT,
  COMPLETE_JOIN_SCRIPT,
  DROP_PARKED_SCRIPT,
  ERASE_SCRIPT,
  LOG_SCRIPT,
  PARK_OR_FIND_SCRIPT,
  SAVE_IF_UNCHANGED_SCRIPT,
  SAVE_SCRIPT,
  SUMMARY_SCRIPT,
  WITHDRAW_SCRIPT,
} from './redis-scripts.js';
import {
  LOG_SCAN_CAP,
  MATCH_KEYS,
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
import type { UpstashClient } from './upstash-client.js';
import type { ConversionRecord, RawReceipt } from '../_contract/records.js';

/** Options of the Upstash Redis store. */
export interface RedisStoreConfig {
  /** Prepended to every key, so several deployments can share a database (REDIS_PREFIX). */
  prefix: string;
  /**
   * Extra tries after a network error or timeout. An answer from the server
   * (bad token, Redis error) is never retried. Construct the client with
   * `retry: { retries: 0 }` so retries do not multiply (upstash-client.ts does).
   * @default 1
   */
  retries?: number;
  /** Pause before extra try n (0-based). @default n => 50 * 2 ** n */
  retryDelayMs?: (retry: number) => number;
}

/**
 * The Store on Upstash Redis over its REST API. `claim` and `save` are one
 * Lua EVAL each, so the happy path (claim, then save Meta's answer) costs
 * exactly two HTTP round trips. The client must be built with
 * `automaticDeserialization: false` so stored JSON comes back as exact text.
 *
 * Keys: <prefix>rec:<id> (record), raw:<id> (raw receipt), dk:<dedupKey>
 * (first event_id), recent (zset by received_at), due (zset by next_attempt_at),
 * cw:<visitor> (withdrawal marker), ve:<visitor> (set of linked event ids),
 * ix:<identity> (set of event ids of one hashed identifier, for search and erasure).
 * pause (the pause state, store.ts PauseState), jk:<join key> (event_id of the
 * browser half that claimed it), jp:<join key> (id of the details parked under it),
 * pd:<park id> (parked details), parked (zset of park ids by deadline).
 * Every failure is a StoreError whose message and cause carry no key or value.
 * `client` is a client or, as the runtime passes it, one made on first use
 * (upstash-client.ts); a client that cannot be made fails that call as unavailable.
 */
export function createRedisStore(client: Redis | UpstashClient, config: RedisStoreConfig): Store {
  const connect = typeof client === 'function' ? client : async () => client;
  /** Set by run() before any attempt reads it. */
  let redis: Redis;
  const { prefix } = config;
  const retries = config.retries ?? 1;
  const retryDelayMs = config.retryDelayMs ?? ((n: number) => 50 * 2 ** n);
  const recordKey = (id: string) => `${prefix}rec:${id}`;
  const rawKey = (id: string) => `${prefix}raw:${id}`;
  const recentKey = `${prefix}recent`;
  const dueKey = `${prefix}due`;
  const withdrawnKey = (visitor: string) => `${prefix}cw:${visitor}`;
  const linksKey = (visitor: string) => `${prefix}ve:${visitor}`;
  const pauseKey = `${prefix}pause`;
  const identityKey = (identity: string) => `${prefix}ix:${identity}`;
  const joinKey = (key: string) => `${prefix}jk:${key}`;
  const parkedKey = (key: string) => `${prefix}jp:${key}`;
  const parkKey = (id: string) => `${prefix}pd:${id}`;
  const parkedDueKey = `${prefix}parked`;

  async function run<T>(operation: StoreOperation, attempt: (isRetry: boolean) => Promise<T>): Promise<T> {
    for (let tryIndex = 0; ; tryIndex += 1) {
      try {
        redis ??= await connect();
        return await attempt(tryIndex > 0);
      } catch (error) {
        if (error instanceof StoreError) throw error;
        const answered = isServerAnswer(error);
        if (answered || tryIndex >= retries) throw new StoreError(operation, answered ? 'rejected' : 'unavailable', error);
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(tryIndex)));
      }
    }
  }

  return {
    claim(input: ClaimInput): Promise<ClaimResult> {
      const { record } = input;
      const recordJson = serializeRecord(record);
      const keys = [recordKey(record.event_id), rawKey(record.event_id), recentKey, dueKey];
      if (input.dedupKey !== undefined) keys.push(`${prefix}dk:${input.dedupKey}`);
      if (input.visitor !== undefined) keys.push(withdrawnKey(input.visitor), linksKey(input.visitor));
      const identities = input.identities ?? [];
      for (const identity of identities) keys.push(identityKey(identity));
      const joinKeys = input.joinKeys ?? [];
      if (joinKeys.length > 0) keys.push(parkedDueKey);
      for (const key of joinKeys) keys.push(joinKey(key), parkedKey(key));
      keys.push(pauseKey);
      const args = [
        recordJson,
        input.raw ? JSON.stringify(rawWithContext(input.raw, record)) : '',
        record.event_id,
        String(record.received_at),
        String(dueScore(record) ?? ''),
        String(input.recordTtlSec),
        String(input.rawTtlSec),
        String(input.dedupTtlSec),
        recordKey(''),
        String(RECENT_LIMIT),
        input.dedupKey !== undefined ? '1' : '',
        input.visitor !== undefined ? '1' : '',
        String(MAX_EVENTS_PER_VISITOR),
        String(identities.length),
        String(joinKeys.length),
        parkKey(''),
        parkedKey(''),
      ];
      return run('claim', async (isRetry) => {
        const reply = await redis.eval<string[], unknown>(CLAIM_SCRIPT, keys, args);
        return readClaimReply(reply, isRetry ? recordJson : undefined);
      });
    },

    save(record: ConversionRecord, options: SaveOptions = {}): Promise<boolean> {
      const args = [serializeRecord(record), record.event_id, String(dueScore(record) ?? ''), options.ifAwaitingSend ? '1' : ''];
      return run('save', async () => {
        const saved = Number(await redis.eval<string[], unknown>(SAVE_SCRIPT, [recordKey(record.event_id), dueKey], args));
        if (saved === 2) return false;
        if (saved !== 1) throw new StoreError('save', 'not_found');
        return true;
      });
    },

    withdrawVisitor(input: WithdrawInput): Promise<WithdrawResult> {
      return run('withdrawVisitor', async () => {
        const keys = [withdrawnKey(input.visitor), linksKey(input.visitor), dueKey];
        const args = [String(input.ttlSec), recordKey(''), rawKey(''), String(input.nowMs), String(input.unseenTtlSec)];
        const reply = await redis.eval<string[], unknown>(WITHDRAW_SCRIPT, keys, args);
        if (!Array.isArray(reply) || !Array.isArray(reply[0]) || !Array.isArray(reply[1])) throw new StoreError('withdrawVisitor', 'rejected');
        const ids = (list: unknown[]) => list.filter((id): id is string => typeof id === 'string');
        return { cancelled: ids(reply[0] as unknown[]), final: ids(reply[1] as unknown[]) };
      });
    },

    clearWithdrawal(visitor: string): Promise<void> {
      return run('clearWithdrawal', async () => {
        await redis.del(withdrawnKey(visitor));
      });
    },

    get(eventId: string): Promise<ConversionRecord | null> {
      // the raw receipt rides along in the same round trip: it holds the payload's context (codec.ts)
      return run('get', async () => {
        const [record, raw] = await redis.mget<[string | null, string | null]>(recordKey(eventId), rawKey(eventId));
        return withPayloadContext(parseRecord(record), parseRaw(raw));
      });
    },

    getRaw(eventId: string): Promise<RawReceipt | null> {
      return run('getRaw', async () => parseRaw(await redis.get<string>(rawKey(eventId))));
    },

    async listDue(nowMs: number, limit: number): Promise<string[]> {
      if (limit <= 0) return [];
      return run('listDue', () =>
        redis.zrange<string[]>(dueKey, '-inf', nowMs, { byScore: true, offset: 0, count: limit }),
      );
    },

    async listRecent(limit: number): Promise<string[]> {
      if (limit <= 0) return [];
      return run('listRecent', () => redis.zrange<string[]>(recentKey, 0, limit - 1, { rev: true }));
    },

    claimDue(nowMs: number, limit: number, leaseMs: number): Promise<DueBatch> {
      const args = [String(nowMs), String(Math.max(0, limit)), String(nowMs + leaseMs), recordKey(''), rawKey('')];
      // A retry after a lost answer finds the first try's ids leased and takes others: the lost ones wait out their lease.
      return run('claimDue', async () => readDueReply(await redis.eval<string[], unknown>(CLAIM_DUE_SCRIPT, [dueKey, pauseKey], args)));
    },

    parkOrFind(input: ParkInput): Promise<ParkResult> {
      const { details } = input;
      const keys = [parkKey(details.id), parkedDueKey];
      for (const key of details.keys) keys.push(joinKey(key), parkedKey(key));
      const args = [JSON.stringify(details), details.id, String(input.ttlSec), String(input.dueAt), recordKey(''), parkKey('')];
      return run('parkOrFind', async () => {
        const reply = await redis.eval<string[], unknown>(PARK_OR_FIND_SCRIPT, keys, args);
        const [verdict, eventId] = Array.isArray(reply) ? (reply as unknown[]) : [];
        if (verdict === 'found' && typeof eventId === 'string') return { kind: 'found', eventId };
        if (verdict === 'parked' || verdict === 'already_parked') return { kind: verdict };
        throw new StoreError('parkOrFind', 'rejected');
      });
    },

    completeJoin(input: JoinCompletion): Promise<JoinCompletionResult> {
      const { record, expected } = input;
      const identities = input.identities ?? [];
      const keys = [recordKey(record.event_id), dueKey, rawKey(record.event_id), pauseKey, ...identities.map(identityKey)];
      const rawMode = input.raw === null ? 'delete' : input.raw ? 'write' : 'keep';
      const args = [
        serializeRecord(record),
        record.event_id,
        String(dueScore(record) ?? ''),
        expected.state,
        String(expected.updated_at),
        rawMode,
        input.raw ? JSON.stringify(rawWithContext(input.raw, record)) : '',
        String(input.recordTtlSec),
      ];
      return run('completeJoin', async () => {
        const reply = await redis.eval<string[], unknown>(COMPLETE_JOIN_SCRIPT, keys, args);
        const [verdict, pauseJson] = Array.isArray(reply) ? (reply as unknown[]) : [];
        if (verdict === 'changed' || verdict === 'not_found') return { kind: verdict };
        if (verdict !== 'saved') throw new StoreError('completeJoin', 'rejected');
        const paused = parsePause(typeof pauseJson === 'string' ? pauseJson : null);
        return paused ? { kind: 'saved', paused } : { kind: 'saved' };
      });
    },

    claimParkedDue(nowMs: number, limit: number, leaseMs: number): Promise<ParkedDetails[]> {
      const args = [String(nowMs), String(Math.max(0, limit)), String(nowMs + leaseMs), parkKey('')];
      return run('claimParkedDue', async () => {
        const reply = await redis.eval<string[], unknown>(CLAIM_PARKED_DUE_SCRIPT, [parkedDueKey], args);
        if (!Array.isArray(reply)) throw new StoreError('claimParkedDue', 'rejected');
        return reply.flatMap((json) => {
          const details = parseParked(typeof json === 'string' ? json : null);
          return details ? [details] : [];
        });
      });
    },

    dropParked(id: string): Promise<boolean> {
      return run('dropParked', async () => Number(await redis.eval<string[], unknown>(DROP_PARKED_SCRIPT, [parkKey(id), parkedDueKey], [id, parkedKey('')])) === 1);
    },

    getPause(): Promise<PauseState | null> {
      return run('getPause', async () => parsePause(await redis.get<string>(pauseKey)));
    },

    setPause(state: PauseState): Promise<void> {
      return run('setPause', async () => {
        await redis.set(pauseKey, JSON.stringify(state));
      });
    },

    clearPause(): Promise<void> {
      return run('clearPause', async () => {
        await redis.del(pauseKey);
      });
    },

    listLog(query: LogQuery): Promise<LogPage> {
      const keys = [recentKey, query.identity !== undefined ? identityKey(query.identity) : recentKey];
      const args = [
        recordKey(''),
        String(query.limit),
        String(LOG_SCAN_CAP),
        query.cursor ? String(query.cursor.at) : '',
        query.cursor?.id ?? '',
        query.state ?? '',
        query.tool ?? '',
        query.form ?? '',
        query.from !== undefined ? String(query.from) : '',
        query.to !== undefined ? String(query.to) : '',
        query.identity !== undefined ? '1' : '',
        rawKey(''),
      ];
      return run('listLog', async () => {
        const reply = await redis.eval<string[], unknown>(LOG_SCRIPT, keys, args);
        if (!Array.isArray(reply) || reply.length < 2) throw new StoreError('listLog', 'rejected');
        const [nextAt, nextId, ...rest] = reply as unknown[];
        const page: LogPage = { records: [], emails: {} };
        const count = rest.length / 2;
        for (let i = 0; i < count; i += 1) {
          const json = rest[i];
          const record = parseRecord(typeof json === 'string' ? json : null);
          if (!record) continue;
          page.records.push(record);
          const email = rest[count + i];
          if (typeof email === 'string' && email !== '') page.emails[record.event_id] = email;
        }
        if (typeof nextAt === 'string' && nextAt !== '' && typeof nextId === 'string') page.next = { at: Number(nextAt), id: nextId };
        else if (typeof nextAt === 'number' && typeof nextId === 'string') page.next = { at: nextAt, id: nextId };
        return page;
      });
    },

    summarize(dayStartMs: number, weekStartMs: number): Promise<LogSummary> {
      return run('summarize', async () => {
        const reply = await redis.eval<string[], unknown>(SUMMARY_SCRIPT, [recentKey], [recordKey(''), String(dayStartMs), String(weekStartMs), MATCH_KEYS.join(',')]);
        if (typeof reply !== 'string') throw new StoreError('summarize', 'rejected');
        const parsed = JSON.parse(reply) as Partial<LogSummary>;
        const summary = emptySummary();
        // cjson writes an empty table as [], so only objects count
        const counts = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as LogSummary['day']) : {});
        summary.day = counts(parsed.day);
        summary.week = counts(parsed.week);
        summary.sent = Number(parsed.sent) || 0;
        Object.assign(summary.carrying, counts(parsed.carrying));
        return summary;
      });
    },

    saveIfUnchanged(record: ConversionRecord, expected: ExpectedRecord): Promise<ConditionalSave> {
      const args = [serializeRecord(record), record.event_id, String(dueScore(record) ?? ''), expected.state, String(expected.updated_at)];
      return run('saveIfUnchanged', async () => {
        const reply = await redis.eval<string[], unknown>(SAVE_IF_UNCHANGED_SCRIPT, [recordKey(record.event_id), dueKey], args);
        if (reply !== 'saved' && reply !== 'changed' && reply !== 'not_found') throw new StoreError('saveIfUnchanged', 'rejected');
        return reply;
      });
    },

    erase(identities: string[]): Promise<ErasureCounts> {
      if (identities.length === 0) return Promise.resolve({ records: 0, raw_receipts: 0, idempotency_keys: 0, index_entries: 0 });
      return run('erase', async () => {
        const reply = await redis.eval<string[], unknown>(ERASE_SCRIPT, identities.map(identityKey), [recordKey(''), rawKey(''), `${prefix}dk:`, recentKey, dueKey]);
        if (!Array.isArray(reply) || reply.length !== 4) throw new StoreError('erase', 'rejected');
        const [records, raws, dedups, entries] = reply.map(Number) as [number, number, number, number];
        return { records, raw_receipts: raws, idempotency_keys: dedups, index_entries: entries };
      });
    },
  };
}

/** Upstash errors mean the server answered (retrying would get the same answer); anything else is the network. */
function isServerAnswer(error: unknown): boolean {
  return error instanceof Error && error.name.startsWith('Upstash');
}

/**
 * Turn the claim script's reply into a ClaimResult. `ownJson` is set on a
 * retry: when the first try ran but its answer was lost, the retry finds
 * our own record under the event_id, and that is a claim, not a duplicate.
 */
function readClaimReply(reply: unknown, ownJson: string | undefined): ClaimResult {
  if (!Array.isArray(reply) || typeof reply[0] !== 'string') throw new StoreError('claim', 'rejected');
  const [verdict, existingJson, parkedJson] = reply as [string, unknown, unknown];
  if (verdict === 'claimed') {
    const paused = parsePause(typeof existingJson === 'string' ? existingJson : null);
    const parked = parseParked(typeof parkedJson === 'string' ? parkedJson : null);
    const result: ClaimResult = { kind: 'claimed' };
    if (paused) result.paused = paused;
    if (parked) result.parked = parked;
    return result;
  }
  if (verdict === 'withdrawn') return { kind: 'withdrawn' };
  if (verdict === 'visitor_limit') return { kind: 'visitor_limit' };
  if (verdict === 'event_id' && ownJson !== undefined && existingJson === ownJson) return { kind: 'claimed' };
  const record = parseRecord(typeof existingJson === 'string' ? existingJson : null);
  if ((verdict !== 'event_id' && verdict !== 'dedup_key') || !record) throw new StoreError('claim', 'rejected');
  return { kind: 'duplicate', record, matched: verdict };
}

/** The claimDue script's flat reply → a DueBatch; a record that no longer parses is left out. */
function readDueReply(reply: unknown): DueBatch {
  if (!Array.isArray(reply) || reply.length < 2) throw new StoreError('claimDue', 'rejected');
  const batch: DueBatch = { paused: parsePause(typeof reply[0] === 'string' ? reply[0] : null), picked: Number(reply[1]), events: [] };
  for (let i = 2; i + 2 < reply.length; i += 3) {
    const raw = parseRaw(typeof reply[i + 2] === 'string' && reply[i + 2] !== '' ? (reply[i + 2] as string) : null);
    // the payload made whole from the receipt's context, as `get` does (codec.ts withPayloadContext)
    const record = withPayloadContext(parseRecord(typeof reply[i + 1] === 'string' ? (reply[i + 1] as string) : null), raw);
    if (record) batch.events.push({ record, hasRaw: raw !== null });
  }
  return batch;
}
