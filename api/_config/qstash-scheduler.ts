import type { Client } from '@upstash/qstash';
import type { RetryScheduler } from '../_pipeline/retry-scheduler.js';
import type { QStashEnv } from './env.js';

/** The first delivery comes no sooner than this after the event turned pending. */
export const FIRST_RETRY_AFTER_MS = 30_000;
/**
 * QStash's own retries of an unfinished callback (the sweep route answers 503 while the event
 * still waits): 2 min, 10 min, then 50 min — with the first delivery, about 30 s, 2 min, 10 min
 * and 1 h after the event turned pending (docs/platform.md §1.8). The expression is in ms;
 * `retried` is 0 for the first retry.
 */
export const RETRY_DELAY_EXPRESSION = '120000 * pow(5, retried)';
export const QSTASH_RETRIES = 3;

/**
 * Publishes one delayed message per event that turns pending, to the sweep route. The event id
 * is the deduplication id, so two paths that both see it pending enqueue once. Loaded only when
 * QStash is configured (_config/runtime.ts); the client itself on the first message
 * (qstash-client.ts says why). A failed load is not remembered, so the next event tries again.
 */
export function createQStashScheduler(config: QStashEnv, now: () => number = Date.now): RetryScheduler {
  let client: Promise<Client> | undefined;
  const qstash = () =>
    (client ??= import('#lazy/_config/qstash-client').then(
      (m) => m.createQStashClient(config),
      (error: unknown) => {
        client = undefined;
        throw error;
      },
    ));
  return {
    async scheduleRetry(eventId, dueAtMs) {
      await (await qstash()).publishJSON({
        url: config.sweepUrl,
        body: { event_id: eventId },
        notBefore: Math.ceil(Math.max(dueAtMs, now() + FIRST_RETRY_AFTER_MS) / 1000),
        retries: QSTASH_RETRIES,
        retryDelay: RETRY_DELAY_EXPRESSION,
        deduplicationId: `sweep-${eventId}`,
      });
    },
  };
}
