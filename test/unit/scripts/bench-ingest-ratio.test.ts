import { describe, expect, it } from 'vitest';
import { cpuRatioRow, quartiles } from '../../../scripts/bench/ingest.js';

describe('ingest CPU ratio (npm run bench)', () => {
  it('pairs live and floor rounds in order and reports the median ratio against 3×', () => {
    const row = cpuRatioRow([250, 260, 270, 280], [100, 100, 100, 100]);
    expect(row).toMatchObject({ unit: '×', target: '≤ 3×', pass: true });
    expect(row.value).toBeCloseTo(2.65);
    expect(row.note).toContain('over 4 round pairs');
    expect(row.note).not.toContain('swings with load');
    expect(cpuRatioRow([310, 320, 330], [100, 100, 100]).pass).toBe(false);
  });

  it('says when the ratio swings with load (IQR wider than a quarter of the median)', () => {
    expect(cpuRatioRow([200, 300, 400, 500], [100, 100, 100, 100]).note).toContain('swings with load');
  });

  it('computes quartiles by interpolating between ranks', () => {
    expect(quartiles([4, 1, 3, 2])).toEqual({ median: 2.5, q1: 1.75, q3: 3.25 });
    expect(quartiles([7])).toEqual({ median: 7, q1: 7, q3: 7 });
  });
});
