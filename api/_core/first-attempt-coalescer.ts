/** Meta takes at most 1,000 events per request (meta-capi.md §1.2). */
export const MAX_EVENTS_PER_REQUEST = 1000;
/** Meta documents no byte limit (meta-capi.md §1.2, unconfirmed); keep each request well below any proxy's. */
export const MAX_BATCH_BYTES = 512 * 1024;

/** How coalesced requests are cut. */
export interface CoalescerConfig {
  /** @default MAX_EVENTS_PER_REQUEST */
  maxEvents?: number;
  /** bytes of the joined items (plus one comma between each); an item larger than this goes alone. @default MAX_BATCH_BYTES */
  maxBytes?: number;
}

/** What one event's first attempt shared. */
export interface SharedAttempt<R> {
  /** the answer of the one request that carried this event */
  report: R;
  /** how many events that request carried (1 = it went alone) */
  batchSize: number;
}

/** Sends one request carrying `items` (serialized events, in order) and reports on it; should not throw. */
export type PostItems<R> = (items: readonly string[], timeoutMs: number) => Promise<R>;

/** Entry point for first attempts; see createFirstAttemptCoalescer. */
export interface FirstAttemptCoalescer<R> {
  submit(item: string, timeoutMs: number): Promise<SharedAttempt<R>>;
}

interface Waiting<R> {
  item: string;
  bytes: number;
  timeoutMs: number;
  resolve(shared: SharedAttempt<R>): void;
  reject(error: unknown): void;
}

/**
 * Opportunistic coalescing of first attempts. When nothing is in flight, a
 * submitted item is posted at once, alone: a lone event never waits. While a
 * request is in flight, later items queue; when it settles, everything queued
 * leaves together (cut at `maxEvents` / `maxBytes`). So a queued item waits for
 * at most one request before its own. No timer is used, so nothing keeps a
 * function instance alive. Retries must not come here (they stay individual).
 */
export function createFirstAttemptCoalescer<R>(post: PostItems<R>, config: CoalescerConfig = {}): FirstAttemptCoalescer<R> {
  const maxEvents = config.maxEvents ?? MAX_EVENTS_PER_REQUEST;
  const maxBytes = config.maxBytes ?? MAX_BATCH_BYTES;
  let queue: Waiting<R>[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const taken = queue;
      queue = [];
      // every cut of this round is posted now, in parallel; the next round waits for all of them
      await Promise.all(cut(taken, maxEvents, maxBytes).map(postGroup));
    }
    flushing = false;
  }

  async function postGroup(group: Waiting<R>[]): Promise<void> {
    try {
      const timeoutMs = Math.min(...group.map((w) => w.timeoutMs));
      const report = await post(
        group.map((w) => w.item),
        timeoutMs,
      );
      for (const w of group) w.resolve({ report, batchSize: group.length });
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }

  return {
    submit(item, timeoutMs) {
      return new Promise((resolve, reject) => {
        queue.push({ item, bytes: Buffer.byteLength(item), timeoutMs, resolve, reject });
        // synchronously posts when idle: the lone event's request starts before submit returns
        if (!flushing) void flush();
      });
    },
  };
}

/** Split in arrival order into groups of ≤ maxEvents items and ≤ maxBytes (items joined by commas). */
function cut<W extends { bytes: number }>(waiting: W[], maxEvents: number, maxBytes: number): W[][] {
  const groups: W[][] = [];
  let group: W[] = [];
  let bytes = 0;
  for (const w of waiting) {
    const added = group.length === 0 ? w.bytes : bytes + 1 + w.bytes;
    if (group.length > 0 && (group.length >= maxEvents || added > maxBytes)) {
      groups.push(group);
      group = [w];
      bytes = w.bytes;
    } else {
      group.push(w);
      bytes = added;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
