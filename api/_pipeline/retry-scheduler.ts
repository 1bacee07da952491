/**
 * Asks for a sweep at a given time, so a pending event is retried within minutes even
 * where Vercel Cron runs only once a day (docs/platform.md §1.8). The QStash scheduler
 * (_config/qstash-scheduler.ts) implements it; without one, cron and the `npm start`
 * timer are the only sweeps.
 */
export interface RetryScheduler {
  /** Request a sweep for `eventId` once it is due (`dueAtMs`, ms epoch). Rejects on failure. */
  scheduleRetry(eventId: string, dueAtMs: number): Promise<void>;
}
