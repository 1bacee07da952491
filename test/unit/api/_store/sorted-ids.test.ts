import { describe, expect, it } from 'vitest';
import { SortedIds } from '../../../../api/_store/sorted-ids.js';

/** The obvious model: a map re-sorted on every read, in Redis sorted-set order (score, then id). */
class ModelIds {
  readonly scores = new Map<string, number>();
  sorted(): string[] {
    return [...this.scores].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0)).map(([id]) => id);
  }
  deleteBelow(min: number): void {
    for (const [id, score] of this.scores) if (score < min) this.scores.delete(id);
  }
  keepHighest(keep: number): void {
    for (const id of this.sorted().slice(0, Math.max(0, this.scores.size - keep))) this.scores.delete(id);
  }
}

/** A small deterministic PRNG so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('SortedIds', () => {
  it.each([1, 2, 3, 4])('matches a naive sorted set through inserts, moves, deletes and front trims (seed %i)', (seed) => {
    const random = prng(seed);
    const ids = new SortedIds();
    const model = new ModelIds();
    let clock = 0;
    for (let step = 0; step < 3000; step++) {
      const id = `id${Math.floor(random() * 400)}`;
      const op = random();
      if (op < 0.55) {
        // mostly ascending scores (claims), sometimes an older one or a tie
        const score = random() < 0.8 ? (clock += 1) : Math.floor(random() * clock);
        ids.set(id, score);
        model.scores.set(id, score);
      } else if (op < 0.7) {
        ids.delete(id);
        model.scores.delete(id);
      } else if (op < 0.85) {
        const keep = Math.floor(random() * 120);
        ids.keepHighest(keep);
        model.keepHighest(keep);
      } else {
        const min = clock - Math.floor(random() * 200);
        ids.deleteBelow(min);
        model.deleteBelow(min);
      }
      const expected = model.sorted();
      expect(ids.size).toBe(expected.length);
      expect(ids.ids()).toEqual(expected);
      expect(ids.highest(7)).toEqual(expected.slice(-7).reverse());
      const max = clock - 50;
      expect(ids.lowest(max, 9)).toEqual(expected.filter((i) => model.scores.get(i)! <= max).slice(0, 9));
    }
  });
});
