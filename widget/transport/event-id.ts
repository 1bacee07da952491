/**
 * One id per submission, shared by the Pixel (`eventID`) and our server event
 * (`event_id`) so Meta deduplicates them (docs/meta-capi.md §5). randomUUID only
 * exists in secure contexts; plain-http pages get the same v4 layout from
 * getRandomValues.
 */
export function newEventId(): string {
  // "10000000-1000-4000-8000-100000000000": each 0 and 1 becomes a random nibble, the 4 stays (the
  // version), 8 takes the RFC 4122 variant bits (8–b): fewer bytes on every page than a template walk
  return (
    crypto.randomUUID?.() ??
    `${1e7}-${1e3}-${4e3}-${8e3}-${1e11}`.replace(/[018]/g, (c) => ((+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4))))).toString(16))
  );
}
