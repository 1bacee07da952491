import type { CapiServerEvent } from '../_contract/records.js';

// A payload's JSON is wanted up to three times per event (the claim, the Graph POST, the save) and
// is mostly SHA-256 hex: V8 11 writes its ~1 KB in about 4 µs each time (scripts/bench/ingest.ts).
// It is written once per payload object and reused: by the Graph POST here, and by the store
// through the `payloadJson` option the wiring gives it (_config/stores.ts). Sound because a built
// payload is never changed: the audit record must keep exactly what was sent.
const serialized = new WeakMap<CapiServerEvent, string>();

/** `JSON.stringify(event)`, computed once per payload object. */
export function serializeServerEvent(event: CapiServerEvent): string {
  let json = serialized.get(event);
  if (json === undefined) serialized.set(event, (json = JSON.stringify(event)));
  return json;
}
