import { describe, expect, it } from 'vitest';
import { JOIN_LOOKS_AFTER_MS, nextJoinLook } from '../../../../api/_pipeline/join-schedule.js';

describe('nextJoinLook', () => {
  const received = 1_000_000;

  it('looks again at about 30 s, 2 min and 10 min after the receipt, then falls back', () => {
    expect(JOIN_LOOKS_AFTER_MS).toEqual([30_000, 120_000, 600_000]);
    expect(nextJoinLook(received, 0, received)).toEqual({ kind: 'look_again', at: received + 30_000 });
    expect(nextJoinLook(received, 1, received + 30_000)).toEqual({ kind: 'look_again', at: received + 120_000 });
    expect(nextJoinLook(received, 2, received + 120_000)).toEqual({ kind: 'look_again', at: received + 600_000 });
    expect(nextJoinLook(received, 3, received + 600_000)).toEqual({ kind: 'deadline' });
  });

  it('never schedules a look in the past when the sweeper ran late', () => {
    const late = received + 900_000;
    expect(nextJoinLook(received, 1, late)).toEqual({ kind: 'look_again', at: late });
  });
});
