import { isAwaitingSend, type Store } from '../../_store/store.js';

/** What a withdrawal did to the visitor's events. */
export interface WithdrawOutcome {
  /** received/pending events marked suppressed before the sweeper could send them */
  cancelled: string[];
  /** already answered by Meta (sent) or otherwise final: cannot be recalled (docs/consent.md §6.3) */
  final: string[];
}

/**
 * Withdrawal: every linked event still waiting to be sent becomes
 * `suppressed` with reason `withdrawn`, and leaves the due index (no
 * next_attempt_at). Their raw receipts are already gone: `withdrawVisitor`
 * deleted them in the same step as setting the marker (_store/store.ts). Events Meta
 * already accepted are only reported.
 * Note: an inline send already in flight can still complete; its save then
 * overwrites this state — the window is one Graph call long.
 */
export async function cancelPendingEvents(store: Store, eventIds: readonly string[], nowMs: number): Promise<WithdrawOutcome> {
  const outcome: WithdrawOutcome = { cancelled: [], final: [] };
  for (const id of eventIds) {
    const record = await store.get(id);
    if (!record) continue;
    if (!isAwaitingSend(record.state)) {
      outcome.final.push(id);
      continue;
    }
    record.state = 'suppressed';
    record.reason = 'withdrawn';
    record.updated_at = nowMs;
    delete record.next_attempt_at;
    await store.save(record);
    outcome.cancelled.push(id);
  }
  return outcome;
}
