/** How hard the inline send tries before handing an event to the sweeper. */
export interface RetryPolicy {
  /** @default 4 */
  maxAttempts: number;
  /** first backoff; doubles per retry. @default 300 */
  baseDelayMs: number;
  /** @default 2000 */
  maxDelayMs: number;
  /** total time for all attempts and sleeps; the handler answers within it. @default 8000 */
  budgetMs: number;
  /** one attempt is aborted after this. @default 3000 */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 2000,
  budgetMs: 8000,
  attemptTimeoutMs: 3000,
});

/** Time and randomness, injectable so tests run without real waiting. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** in [0, 1) */
  random(): number;
}

export const REAL_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** What one attempt reports back to the loop. */
export interface AttemptReport {
  outcome: 'ok' | 'transient' | 'permanent';
  /** the server asked for this wait (Retry-After) */
  retryAfterMs?: number;
}

/** An attempt shorter than this is pointless; don't start one with less budget left. */
const MIN_ATTEMPT_MS = 100;

/** Exponential backoff with "equal jitter": half fixed, half random, capped at maxDelayMs. */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * Run `attempt` until it is ok or permanent, the attempts run out, or the budget
 * would be exceeded. It never sleeps past the budget and never sleeps after the
 * last try. Each attempt gets min(attemptTimeoutMs, budget left) as its timeout.
 * Returns every report, in order.
 */
export async function runWithRetry<R extends AttemptReport>(
  attempt: (timeoutMs: number) => Promise<R>,
  policy: RetryPolicy,
  clock: RetryClock,
): Promise<R[]> {
  const deadline = clock.now() + policy.budgetMs;
  const reports: R[] = [];
  for (let i = 0; i < policy.maxAttempts; i++) {
    if (i > 0) {
      const previous = reports[i - 1];
      const delay = Math.max(backoffDelayMs(i - 1, policy, clock.random()), previous?.retryAfterMs ?? 0);
      if (clock.now() + delay + MIN_ATTEMPT_MS > deadline) break;
      await clock.sleep(delay);
    }
    const timeoutMs = Math.min(policy.attemptTimeoutMs, deadline - clock.now());
    if (timeoutMs < MIN_ATTEMPT_MS && i > 0) break;
    const report = await attempt(Math.max(timeoutMs, MIN_ATTEMPT_MS));
    reports.push(report);
    if (report.outcome !== 'transient') break;
  }
  return reports;
}
