import type { ConsentProof } from '../_contract/records.js';

/**
 * The consent proof log (docs/consent.md §6.1). Only the proofs: the withdrawal
 * marker and the visitor → event links that the pipeline checks live in the
 * pipeline Store, inside its one-round-trip claim (store.ts). Memory and
 * Upstash implementations behave the same (contract test).
 */
export interface ConsentProofStore {
  /** Append a proof for `proof.visitor`; the visitor's proofs live `ttlSec` from the latest. */
  addProof(proof: ConsentProof, ttlSec: number): Promise<void>;
  /** That visitor's proofs, newest first (at most MAX_PROOFS_PER_VISITOR). */
  listProofs(visitor: string): Promise<ConsentProof[]>;
}

/** A visitor who flips their choice back and forth keeps the latest answers only. */
export const MAX_PROOFS_PER_VISITOR = 50;

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/** The embedded implementation (npm start, tests); `now` is injectable for TTL tests. */
export function createMemoryProofStore(options: { now?: () => number } = {}): ConsentProofStore {
  const now = options.now ?? Date.now;
  const proofs = new Map<string, Expiring<ConsentProof[]>>();
  const live = <T>(map: Map<string, Expiring<T>>, key: string): T | undefined => {
    const entry = map.get(key);
    if (entry && entry.expiresAt <= now()) map.delete(key);
    return entry && entry.expiresAt > now() ? entry.value : undefined;
  };
  return {
    async addProof(proof, ttlSec) {
      const list = [proof, ...(live(proofs, proof.visitor) ?? [])].slice(0, MAX_PROOFS_PER_VISITOR);
      proofs.set(proof.visitor, { value: list, expiresAt: now() + ttlSec * 1000 });
    },
    async listProofs(visitor) {
      return [...(live(proofs, visitor) ?? [])];
    },
  };
}
