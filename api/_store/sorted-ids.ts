/**
 * Ids ordered by a numeric score, ties broken by id: the same order as a
 * Redis sorted set, so the memory store lists exactly what the Redis store
 * lists. Inserts are a binary search; claims arrive nearly in score order,
 * so most inserts append at the end, and trims drop from the front.
 */
export class SortedIds {
  private readonly entries: { id: string; score: number }[] = [];
  private readonly scores = new Map<string, number>();
  /** entries before this index are already deleted; the array is compacted lazily */
  private start = 0;

  get size(): number {
    return this.entries.length - this.start;
  }

  /** Add or move `id` (like ZADD). */
  set(id: string, score: number): void {
    const prior = this.scores.get(id);
    if (prior === score) return;
    if (prior !== undefined) this.entries.splice(this.positionOf(id, prior), 1);
    const last = this.entries[this.entries.length - 1];
    // claims arrive in score order: most inserts go at the end, with no search and no splice
    if (this.entries.length === this.start || last!.score < score || (last!.score === score && last!.id < id)) this.entries.push({ id, score });
    else this.entries.splice(this.positionOf(id, score), 0, { id, score });
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
    let end = this.start;
    while (end < this.entries.length && this.entries[end]!.score < minScore) end += 1;
    this.deleteOldest(end - this.start);
  }

  /** Keep only the `keep` highest-scored ids (like ZREMRANGEBYRANK 0 -(keep+1)). */
  keepHighest(keep: number): void {
    this.deleteOldest(this.size - keep);
  }

  /** Lowest scores first, only scores <= maxScore. */
  lowest(maxScore: number, limit: number): string[] {
    const out: string[] = [];
    for (let i = this.start; i < this.entries.length; i += 1) {
      const entry = this.entries[i]!;
      if (out.length >= limit || entry.score > maxScore) break;
      out.push(entry.id);
    }
    return out;
  }

  /** Highest scores first. */
  highest(limit: number): string[] {
    const out: string[] = [];
    for (let i = this.entries.length - 1; i >= this.start && out.length < limit; i -= 1) out.push(this.entries[i]!.id);
    return out;
  }

  /** Entries highest first (ties by id descending, like ZREVRANGE), for the log page. */
  descending(): { id: string; score: number }[] {
    return this.entries.slice(this.start).reverse();
  }

  /** Ids in ascending order, for pruning. */
  ids(): string[] {
    return this.entries.slice(this.start).map((entry) => entry.id);
  }

  // Dropping from the front of a 10k-entry array moved every entry on each claim (a few µs per
  // event, measured in scripts/bench/ingest.ts); advancing `start` and compacting once half the
  // array is dead makes the trim O(1) amortized.
  private deleteOldest(count: number): void {
    if (count <= 0) return;
    const end = Math.min(this.entries.length, this.start + count);
    for (let i = this.start; i < end; i += 1) this.scores.delete(this.entries[i]!.id);
    this.start = end;
    if (this.start * 2 >= this.entries.length) {
      this.entries.splice(0, this.start);
      this.start = 0;
    }
  }

  /** Index of the first entry that sorts at or after (score, id). */
  private positionOf(id: string, score: number): number {
    let low = this.start;
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
