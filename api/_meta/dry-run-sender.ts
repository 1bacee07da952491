import type { Sender } from './sender.js';

/** The marker every dry-run log line starts with (the PII log scan looks for it). */
export const DRY_RUN_LOG_MARKER = '[capi-relay] dry-run';

/** Configuration of the no-token sender. */
export interface DryRunSenderConfig {
  /** @default console.log */
  write?: (line: string) => void;
  /** @default Date.now */
  now?: () => number;
}

/**
 * The sender used when no META_ACCESS_TOKEN is set: nothing leaves the process.
 * It answers like a successful send so the record shows the exact payload that
 * would have gone out, and marks the result `dryRun` (the record's reason says
 * "dry_run" and its one attempt carries fbtrace_id "dry-run"). Its log line names
 * only the event id and which user_data keys are present — never their values.
 */
export function createDryRunSender(config: DryRunSenderConfig = {}): Sender {
  const write = config.write ?? ((line: string) => console.log(line));
  const now = config.now ?? Date.now;
  return {
    kind: 'dry-run',
    async send(event) {
      const keys = Object.keys(event.user_data).sort().join(',');
      write(`${DRY_RUN_LOG_MARKER}: would send ${event.event_name} ${event.event_id} user_data keys [${keys}]`);
      return {
        state: 'sent',
        dryRun: true,
        reason: 'dry_run',
        attempts: [{ at: now(), duration_ms: 0, status: 200, outcome: 'ok', fbtrace_id: 'dry-run' }],
      };
    },
  };
}
