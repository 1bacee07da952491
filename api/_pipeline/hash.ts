import * as nodeCrypto from 'node:crypto';
import type { HashedKey } from '../_contract/records.js';
import { boundedMemo } from './bounded-memo.js';

// Node ≥20.12 has a one-shot `crypto.hash` that skips the Hash object
// createHash() allocates per call: several times cheaper for the short strings
// PII is made of (measured in scripts/bench/normalize-hash.ts). The fallback
// keeps older runtimes working.
const oneShotHash = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** Lowercase hex SHA-256 of the UTF-8 bytes of `value` (docs/meta-capi.md §3). */
export function sha256Hex(value: string): string {
  if (oneShotHash) return oneShotHash('sha256', value, 'hex');
  return nodeCrypto.createHash('sha256').update(value, 'utf8').digest('hex');
}

// Country codes, state codes and the gender letter are one or two letters, the same handful on
// nearly every lead: their digests are remembered instead of computed again per event (hashing is
// most of this step's cost). Only values of at most 2 characters are kept, so the cache is
// bounded by construction and holds nothing that identifies anyone.
const SHORT_VALUE_CHARS = 2;
const shortValueDigest = boundedMemo(sha256Hex, { maxEntries: 1024, maxKeyChars: SHORT_VALUE_CHARS });

/** sha256Hex, remembered for values of at most 2 characters. */
function digestOf(value: string): string {
  return value.length <= SHORT_VALUE_CHARS ? shortValueDigest(value) : sha256Hex(value);
}

/** True when `value` is exactly 64 hex digits (any case): an already-hashed SHA-256. */
export function isSha256Hex(value: string): boolean {
  return value.length === 64 && SHA256_HEX.test(value);
}

/**
 * Hash each normalized value as Meta's arrays, e.g. `{ em: ['…'] }`. A value
 * that already is 64-hex is passed through lowercased: re-hashing a hash never
 * matches (docs/meta-capi.md §0.3, §10).
 */
export function hashUserFields(fields: Partial<Record<HashedKey, string>>): Partial<Record<HashedKey, string[]>> {
  const hashed: Partial<Record<HashedKey, string[]>> = {};
  for (const key in fields) {
    const value = fields[key as HashedKey];
    if (value === undefined || value === '') continue;
    hashed[key as HashedKey] = [isSha256Hex(value) ? value.toLowerCase() : digestOf(value)];
  }
  return hashed;
}
