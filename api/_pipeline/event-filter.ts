import { isBotUserAgent } from './bot-user-agent.js';
import { boundedMemo } from './bounded-memo.js';
import type { CapiUserData } from '../_contract/records.js';

/** Why an event is not worth sending. */
export type FilterReason = 'missing_user_agent' | 'bot_user_agent' | 'below_validity_floor';

/**
 * Key sets Meta rejects as too broad when they are all an event carries besides
 * client_user_agent (docs/meta-capi.md §3 "Validity floor"; 2804050 observed).
 */
const WEAK_KEY_SETS: readonly ReadonlySet<string>[] = [
  new Set(['ct', 'country', 'st', 'zp', 'ge']),
  new Set(['db']),
  new Set(['fn', 'ge']),
  new Set(['ln', 'ge']),
];

/** True when user_data identifies nobody well enough for Meta to accept the event. */
export function isBelowValidityFloor(userData: CapiUserData): boolean {
  // Loops rather than Object.keys().filter().every(): no arrays or closures per event.
  for (const weak of WEAK_KEY_SETS) if (onlyKeysOf(userData, weak)) return true;
  return false;
}

/** True when every key of userData except client_user_agent is in `allowed` (also when there is none). */
function onlyKeysOf(userData: CapiUserData, allowed: ReadonlySet<string>): boolean {
  for (const key in userData) if (key !== 'client_user_agent' && !allowed.has(key)) return false;
  return true;
}

/**
 * Decide whether an event is a real, sendable conversion. A missing user agent
 * is filtered because Meta rejects website events without client_user_agent
 * (docs/meta-capi.md §0.5); crawlers and headless bots submit forms too.
 */
export function filterEvent(userAgent: string | undefined, userData: CapiUserData | undefined): FilterReason | undefined {
  if (!userAgent) return 'missing_user_agent';
  if (isBotCached(userAgent)) return 'bot_user_agent';
  if (userData && isBelowValidityFloor(userData)) return 'below_validity_floor';
  return undefined;
}

// isbot runs one very large regex (~5 µs per call); visitors' user agents repeat heavily, so the
// verdict per exact string is remembered. The regex is built on the first call, not on import
// (bot-user-agent.ts: ~0.5 ms, paid by the first event of a cold instance, which needs it); nothing here may call it
// at import time (event-filter.test.ts counts the RegExp objects built). Long strings are not kept, so the cache holds at most
// 256 × 512 characters.
const isBotCached = boundedMemo(isBotUserAgent, { maxEntries: 256, maxKeyChars: 512 });
