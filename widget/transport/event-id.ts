/**
 * One id per submission, shared by the Pixel (`eventID`) and our server event
 * (`event_id`) so Meta deduplicates them (meta-capi.md §5). randomUUID only
 * exists in secure contexts; plain-http pages get the same v4 layout from
 * getRandomValues.
 */
export function newEventId(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
