/**
 * Ids ordered by a numeric score, ties broken by id: the same order as a
 * Redis sorted set, so the memory store lists exactly what the Redis store
 * lists. Inserts are a binary search; claims arrive nearly in score order,
 * so most inserts append at the end.
 */
export class SortedIds {
  private readonly entries: { id: string; score: number }[] = [];
  private readonly scores = new Map<string, number>();

  get size(): number {
    return this.entries.length;
  }

  /** Add or move `id` (like ZADD). */
  set(id: string, score: number): void {
    if (this.scores.get(id) === score) return;
    this.delete(id);
    this.entries.splice(this.positionOf(id, score), 0, { id, score });
    this.scores.set(id, score);
  }

  /** Remove `id` (like ZREM). */
  delete(id: string): void {
    const score = this.scores.get(id);
    if (score === undefined) return;
    this.entries.splice(this.positionOf(id, score), 1);
    this.scores.delete(id);
  }

  /** Drop every id scored below `minScore` (like ZREMRANGEBYSCORE -inf (min). */
  deleteBelow(minScore: number): void {
    let count = 0;
    while (count < this.entries.length && this.entries[count]!.score < minScore) count += 1;
    this.deleteOldest(count);
  }

  /** Keep only the `keep` highest-scored ids (like ZREMRANGEBYRANK 0 -(keep+1)). */
  keepHighest(keep: number): void {
    this.deleteOldest(this.entries.length - keep);
  }

  /** Lowest scores first, only scores <= maxScore. */
  lowest(maxScore: number, limit: number): string[] {
    const out: string[] = [];
    for (const entry of this.entries) {
      if (out.length >= limit || entry.score > maxScore) break;
      out.push(entry.id);
    }
    return out;
  }

  /** Highest scores first. */
  highest(limit: number): string[] {
    const out: string[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i -= 1) out.push(this.entries[i]!.id);
    return out;
  }

  /** Ids in ascending order, for pruning. */
  ids(): string[] {
    return this.entries.map((entry) => entry.id);
  }

  private deleteOldest(count: number): void {
    if (count <= 0) return;
    for (const entry of this.entries.splice(0, count)) this.scores.delete(entry.id);
  }

  /** Index of the first entry that sorts at or after (score, id). */
  private positionOf(id: string, score: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.entries[mid]!;
      const before = entry.score < score || (entry.score === score && entry.id < id);
      if (before) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
