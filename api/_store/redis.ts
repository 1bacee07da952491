import type { Redis } from '@upstash/redis';
import { dueScore, parseRaw, parseRecord, RECENT_LIMIT, serializeRecord, type PayloadJson } from './codec.js';
import { StoreError, type StoreOperation } from './error.js';
import { CLAIM_SCRIPT, SAVE_SCRIPT, WITHDRAW_SCRIPT } from './redis-scripts.js';
import type { ClaimInput, ClaimResult, Store } from './store.js';
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
  /** How a record's payload becomes JSON (codec.ts). @default JSON.stringify */
  payloadJson?: PayloadJson;
}

/**
 * The Store on Upstash Redis over its REST API. `claim` and `save` are one
 * Lua EVAL each, so the happy path (claim, then save Meta's answer) costs
 * exactly two HTTP round trips. The client must be built with
 * `automaticDeserialization: false` so stored JSON comes back as exact text.
 *
 * Keys: <prefix>rec:<id> (record), raw:<id> (raw receipt), dk:<dedupKey>
 * (first event_id), recent (zset by received_at), due (zset by next_attempt_at),
 * cw:<visitor> (withdrawal marker), ve:<visitor> (set of linked event ids).
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
  const payloadJson = config.payloadJson ?? JSON.stringify;
  const recordKey = (id: string) => `${prefix}rec:${id}`;
  const rawKey = (id: string) => `${prefix}raw:${id}`;
  const recentKey = `${prefix}recent`;
  const dueKey = `${prefix}due`;
  const withdrawnKey = (visitor: string) => `${prefix}cw:${visitor}`;
  const linksKey = (visitor: string) => `${prefix}ve:${visitor}`;

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
      const recordJson = serializeRecord(record, payloadJson);
      const keys = [recordKey(record.event_id), rawKey(record.event_id), recentKey, dueKey];
      if (input.dedupKey !== undefined) keys.push(`${prefix}dk:${input.dedupKey}`);
      if (input.visitor !== undefined) keys.push(withdrawnKey(input.visitor), linksKey(input.visitor));
      const args = [
        recordJson,
        input.raw ? JSON.stringify(input.raw) : '',
        record.event_id,
        String(record.received_at),
        String(dueScore(record) ?? ''),
        String(input.recordTtlSec),
        String(input.rawTtlSec),
        String(input.dedupTtlSec),
        recordKey(''),
        String(RECENT_LIMIT),
        input.dedupKey !== undefined ? '1' : '',
      ];
      return run('claim', async (isRetry) => {
        const reply = await redis.eval<string[], unknown>(CLAIM_SCRIPT, keys, args);
        return readClaimReply(reply, isRetry ? recordJson : undefined);
      });
    },

    save(record: ConversionRecord): Promise<void> {
      const args = [serializeRecord(record, payloadJson), record.event_id, String(dueScore(record) ?? '')];
      return run('save', async () => {
        const saved = await redis.eval<string[], unknown>(SAVE_SCRIPT, [recordKey(record.event_id), dueKey], args);
        if (Number(saved) !== 1) throw new StoreError('save', 'not_found');
      });
    },

    withdrawVisitor(visitor: string, ttlSec: number): Promise<string[]> {
      return run('withdrawVisitor', async () => {
        const keys = [withdrawnKey(visitor), linksKey(visitor)];
        const ids = await redis.eval<string[], unknown>(WITHDRAW_SCRIPT, keys, [String(ttlSec), recordKey(''), rawKey('')]);
        if (!Array.isArray(ids)) throw new StoreError('withdrawVisitor', 'rejected');
        return ids.filter((id): id is string => typeof id === 'string');
      });
    },

    clearWithdrawal(visitor: string): Promise<void> {
      return run('clearWithdrawal', async () => {
        await redis.del(withdrawnKey(visitor));
      });
    },

    get(eventId: string): Promise<ConversionRecord | null> {
      return run('get', async () => parseRecord(await redis.get<string>(recordKey(eventId))));
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
  const [verdict, existingJson] = reply as [string, unknown];
  if (verdict === 'claimed') return { kind: 'claimed' };
  if (verdict === 'withdrawn') return { kind: 'withdrawn' };
  if (verdict === 'event_id' && ownJson !== undefined && existingJson === ownJson) return { kind: 'claimed' };
  const record = parseRecord(typeof existingJson === 'string' ? existingJson : null);
  if ((verdict !== 'event_id' && verdict !== 'dedup_key') || !record) throw new StoreError('claim', 'rejected');
  return { kind: 'duplicate', record, matched: verdict };
}
