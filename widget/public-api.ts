import { skip } from './debug.js';

/** One public method; arguments come from page code, so each method checks its own. */
export type PublicMethod = (...args: never[]) => void;

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
      if (typeof methods[name] === 'function') methods[name](...args);
      else skip('unknown capiRelay method');
    } catch {
      skip('capiRelay call failed');
    }
  };
  window.capiRelay = { ...methods, push: run };
  if (Array.isArray(existing)) existing.forEach(run);
  return true;
}
