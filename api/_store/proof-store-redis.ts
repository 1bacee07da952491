import type { Redis } from '@upstash/redis';
import type { ConsentProof } from '../_contract/records.js';
import { MAX_PROOFS_PER_VISITOR, type ConsentProofStore } from './proof-store.js';
import type { UpstashClient } from './upstash-client.js';

/**
 * ConsentProofStore on Upstash Redis: `<prefix>cp:<visitor>` is a list of
 * proof JSON (newest first, trimmed). Each write is one MULTI/EXEC so a
 * proof never lands without its TTL.
 * The client must use `automaticDeserialization: false` (as upstash-client.ts builds it);
 * it may be one made on first use (upstash-client.ts UpstashClient).
 */
export function createRedisProofStore(client: Redis | UpstashClient, options: { prefix: string }): ConsentProofStore {
  const connect = typeof client === 'function' ? client : async () => client;
  const proofKey = (visitor: string) => `${options.prefix}cp:${visitor}`;
  return {
    async addProof(proof, ttlSec) {
      const key = proofKey(proof.visitor);
      const redis = await connect();
      await redis.multi().lpush(key, JSON.stringify(proof)).ltrim(key, 0, MAX_PROOFS_PER_VISITOR - 1).expire(key, ttlSec).exec();
    },
    async listProofs(visitor) {
      const redis = await connect();
      const items = await redis.lrange<string>(proofKey(visitor), 0, MAX_PROOFS_PER_VISITOR - 1);
      const out: ConsentProof[] = [];
      for (const item of items) {
        try {
          out.push(JSON.parse(item) as ConsentProof);
        } catch {
          // A corrupt entry is skipped rather than hiding the visitor's other proofs.
        }
      }
      return out;
    },
  };
}
