/**
 * When a browser half waiting for its tool's details is looked at again,
 * counted from its receipt (docs/form-tools.md §22.4): the tools index a new
 * record within seconds to minutes, so three looks cover nearly every case
 * without keeping a lead from Meta for long. After the last one the join
 * falls back per JOIN_FALLBACK.
 */
export const JOIN_LOOKS_AFTER_MS = [30_000, 120_000, 600_000] as const;

/** What the join does with a waiting browser half after one look that found no details. */
export type JoinWait = { kind: 'look_again'; at: number } | { kind: 'deadline' };

/**
 * The next look after `looks` looks that found nothing. A look that is late
 * (the sweeper ran late) never schedules one in the past: it is due now.
 */
export function nextJoinLook(receivedAt: number, looks: number, now: number): JoinWait {
  const after = JOIN_LOOKS_AFTER_MS[looks];
  return after === undefined ? { kind: 'deadline' } : { kind: 'look_again', at: Math.max(receivedAt + after, now) };
}
