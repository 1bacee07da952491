import { skip } from './debug.js';

/** One public method; arguments come from page code, so each method checks its own. What it returns reaches a direct caller only (a queued call's answer is dropped). */
export type PublicMethod = (...args: never[]) => unknown;

/**
 * Expose `window.capiRelay` with `methods` plus `push`, then run the calls a
 * page queued before w.js loaded (`capiRelay.push(['track', …])`), in order.
 * Returns false (and changes nothing) when an earlier copy of w.js already
 * installed the API, so a snippet pasted twice runs once.
 */
export function installPublicApi(methods: Record<string, PublicMethod>): boolean {
  const existing = window.capiRelay;
  if (existing && !Array.isArray(existing)) return false;
  const run = (call: unknown): void => {
    try {
      const [name, ...args] = call as [string, ...never[]];
      // an unknown name is not a function and throws here (bytes on every page: no typeof test)
      methods[name]!(...args);
    } catch {
      skip('unknown capiRelay method, or the call failed');
    }
  };
  window.capiRelay = { ...methods, push: run };
  if (Array.isArray(existing)) existing.forEach(run);
  return true;
}
