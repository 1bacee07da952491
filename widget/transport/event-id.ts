/**
 * One id per submission, shared by the Pixel (`eventID`) and our server event
 * (`event_id`) so Meta deduplicates them (docs/meta-capi.md §5). randomUUID only
 * exists in secure contexts; plain-http pages get the same v4 layout from
 * getRandomValues.
 */
export function newEventId(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const random = crypto.getRandomValues(new Uint8Array(31));
  let i = 0;
  // one random nibble per x; "4" is the version, y takes the RFC 4122 variant bits (8–b)
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => ((random[i++]! & (c == 'x' ? 15 : 3)) | (c == 'x' ? 0 : 8)).toString(16));
}
