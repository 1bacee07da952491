import { createHash } from 'node:crypto';
import type { JoinTool } from '../../_tools/webhook-signature.js';

/** The iframe tools whose details can complete a browser half (docs/form-tools.md §22). */
export const JOIN_TOOLS: readonly JoinTool[] = ['typeform', 'tally', 'jotform', 'fillout', 'calendly', 'cal-com'];

export function isJoinTool(value: unknown): value is JoinTool {
  return typeof value === 'string' && (JOIN_TOOLS as readonly string[]).includes(value);
}

/**
 * The keys two halves of one conversion meet on (docs/form-tools.md §22.4):
 * `eid:<event_id>` when the half knows capi-relay's event id, and
 * `<tool>:<submission id>` when it knows the tool's record. Ids only, no PII.
 * The tool key comes first: it is the one every copy of a tool's webhook
 * carries, so it names a parked half (ParkedDetails.id).
 */
export function joinKeysOf(eventId: string | undefined, tool: string | undefined, submissionId: string | undefined): string[] {
  const keys: string[] = [];
  if (tool && submissionId) keys.push(`${tool}:${submissionId}`);
  if (eventId) keys.push(`eid:${eventId}`);
  return keys;
}

/**
 * The event id of the audit record a details half leaves when no browser half
 * came for it: the event id it carried, else a UUID derived from tool and
 * submission id, so a repeated webhook leaves the same one record.
 */
export function auditIdOf(via: string, eventId: string | undefined, submissionId: string | undefined): string {
  if (eventId) return eventId;
  const hex = createHash('sha256').update(`capi-relay/join/${via}:${submissionId ?? ''}`).digest('hex');
  // RFC 9562 version 8 (custom), variant 10xx
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
