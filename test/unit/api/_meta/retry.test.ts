import { describe, expect, it } from 'vitest';
import { backoffDelayMs, runWithRetry, type AttemptReport, type RetryClock, type RetryPolicy } from '../../../../api/_meta/retry.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 1000, budgetMs: 8000, attemptTimeoutMs: 3000 };

/** A clock where sleeping and attempts advance virtual time only. */
function fakeClock(random = 0.5) {
  let t = 0;
  const sleeps: number[] = [];
  const clock: RetryClock = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    random: () => random,
  };
  return { clock, sleeps, advance: (ms: number) => (t += ms), now: () => t };
}

function script(outcomes: AttemptReport[], fake: ReturnType<typeof fakeClock>, attemptMs = 0) {
  const timeouts: number[] = [];
  let i = 0;
  const attempt = async (timeoutMs: number) => {
    timeouts.push(timeoutMs);
    fake.advance(Math.min(attemptMs, timeoutMs));
    return outcomes[Math.min(i++, outcomes.length - 1)]!;
  };
  return { attempt, timeouts };
}

describe('backoffDelayMs', () => {
  it.each([
    [0, 0, 100], [0, 0.999, 200], [1, 0, 200], [2, 0.5, 600], [5, 0, 500], [5, 1, 1000],
  ])('retry %i with random %s → %i ms', (index, random, expected) => {
    expect(backoffDelayMs(index, policy, random)).toBe(Math.round(expected));
  });
});

describe('runWithRetry', () => {
  it('stops at the first ok', async () => {
    const fake = fakeClock();
    const { attempt } = script([{ outcome: 'transient' }, { outcome: 'transient' }, { outcome: 'ok' }], fake);
    const reports = await runWithRetry(attempt, policy, fake.clock);
    expect(reports.map((r) => r.outcome)).toEqual(['transient', 'transient', 'ok']);
    expect(fake.sleeps).toEqual([150, 300]);
  });

  it('never retries a permanent failure', async () => {
    const fake = fakeClock();
    const { attempt } = script([{ outcome: 'permanent' }], fake);
    expect((await runWithRetry(attempt, policy, fake.clock)).length).toBe(1);
    expect(fake.sleeps).toEqual([]);
  });

  it('does not sleep after the last attempt', async () => {
    const fake = fakeClock();
    const { attempt } = script([{ outcome: 'transient' }], fake);
    const reports = await runWithRetry(attempt, policy, fake.clock);
    expect(reports.length).toBe(4);
    expect(fake.sleeps.length).toBe(3);
  });

  it('stops before a sleep that would pass the budget', async () => {
    const fake = fakeClock();
    // each attempt hangs until its timeout: 3000 + sleep + 3000 + sleep … within 8000
    const { attempt, timeouts } = script([{ outcome: 'transient' }], fake, 3000);
    const reports = await runWithRetry(attempt, policy, fake.clock);
    expect(fake.now()).toBeLessThanOrEqual(policy.budgetMs);
    expect(reports.length).toBe(3);
    expect(timeouts).toEqual([3000, 3000, 8000 - 6000 - 150 - 300]);
  });

  it('honours Retry-After within the budget and gives up when it exceeds it', async () => {
    const fake = fakeClock();
    const { attempt } = script([{ outcome: 'transient', retryAfterMs: 2000 }, { outcome: 'ok' }], fake);
    await runWithRetry(attempt, policy, fake.clock);
    expect(fake.sleeps).toEqual([2000]);

    const fake2 = fakeClock();
    const { attempt: attempt2 } = script([{ outcome: 'transient', retryAfterMs: 60_000 }], fake2);
    expect((await runWithRetry(attempt2, policy, fake2.clock)).length).toBe(1);
    expect(fake2.sleeps).toEqual([]);
  });
});
