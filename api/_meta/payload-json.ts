import type { CapiServerEvent } from '../_contract/records.js';

/**
 * How a payload becomes JSON for the Graph POST, and (through the stores' `payloadJson` option,
 * _config/stores.ts) for the audit record. Nothing is remembered per payload: the sender writes each
 * payload once, and the audit form is another object that codec.ts remembers on the payload itself.
 * A WeakMap memo here kept every event's text (~1 KB) reachable through the young-generation
 * collections that met it, so it was promoted to the old generation and left there as garbage for
 * the full collections: ~1.3 KB promoted per event with the audit memo (scripts/bench/ingest.ts,
 * docs/platform.md §1.14).
 */
export function serializeServerEvent(event: CapiServerEvent): string {
  return JSON.stringify(event);
}
