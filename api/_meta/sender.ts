import type { CapiServerEvent, SendAttempt } from '../_contract/records.js';

/** The outcome of delivering one event, as the audit record stores it. */
export interface SendResult {
  state: 'sent' | 'pending' | 'failed';
  attempts: SendAttempt[];
  /** why pending/failed, e.g. "meta_error_190" or "retry_budget_exhausted" */
  reason?: string;
  /** Meta asked us to wait at least this long before the next try */
  retryAfterMs?: number;
  /** true when nothing left the process (no META_ACCESS_TOKEN) */
  dryRun?: boolean;
}

/** Delivers server events to Meta (or pretends to, in dry-run). Never throws for Meta failures. */
export interface Sender {
  kind: 'live' | 'dry-run';
  send(event: CapiServerEvent): Promise<SendResult>;
}
