import type { CmpReading } from '../types.js';

/**
 * Map "marketing allowed?" plus "did the user act?" to a reading. A refusal
 * that no one clicked (a CMP's default-off state) is not a decision yet, so
 * it reads as unknown; an implied "allowed" keeps explicit=false and only
 * counts outside opt-in regions (docs/consent.md §3.0).
 */
export function toReading(allowed: boolean | null | undefined, explicit: boolean): CmpReading {
  return { ads: allowed ? 'granted' : explicit && allowed === false ? 'denied' : 'unknown', explicit };
}

/** Wrap a callback we hand to a CMP so an exception in our reader can never break the CMP or the page. */
export function guarded<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch {
      // A CMP changed its API shape: stay silent; the wait timeout decides (docs/consent.md §3.0).
    }
  };
}
