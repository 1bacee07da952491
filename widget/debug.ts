/** True in debug builds and in unit tests, which run the source without Vite's `define`. */
export const DEBUG_BUILD = typeof __DEBUG__ === 'undefined' || __DEBUG__;

let enabled = false;

/** Turn the skip log on (the script tag's `data-debug`); it only exists in debug builds. */
export function enableDebug(on: boolean): void {
  if (DEBUG_BUILD) enabled = on;
}

/**
 * The one "skipped, with reason" path (STYLE.md Errors). Production builds
 * compile it to nothing, so reasons must never be needed for behaviour.
 */
export function skip(reason: string): void {
  if (DEBUG_BUILD && enabled) console.info('[capi-relay] skipped:', reason);
}
