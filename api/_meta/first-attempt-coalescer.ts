/** Meta takes at most 1,000 events per request (docs/meta-capi.md §1.2). */
export const MAX_EVENTS_PER_REQUEST = 1000;
/** Meta documents no byte limit (docs/meta-capi.md §1.2, unconfirmed); keep each request well below any proxy's. */
export const MAX_BATCH_BYTES = 512 * 1024;

/**
 * First-attempt requests in flight at once. With one, an event arriving while a request is out
 * waited for that request's whole round trip before its own left: the ingest bench (50 concurrent,
 * loopback Graph) ran ~10% fewer events/s with one than with three (4 noisy runs), and against the
 * real Meta a round trip is ~100 ms, not ~1. More would shrink batches without shortening that wait much.
 */
export const MAX_REQUESTS_IN_FLIGHT = 3;

/** How coalesced requests are cut and how many may be out at once. */
export interface CoalescerConfig {
  /** @default MAX_EVENTS_PER_REQUEST */
  maxEvents?: number;
  /** bytes of the joined items (plus one comma between each); an item larger than this goes alone. @default MAX_BATCH_BYTES */
  maxBytes?: number;
  /** requests in flight at once; an item submitted while fewer are in flight is posted at once. @default MAX_REQUESTS_IN_FLIGHT */
  maxInFlight?: number;
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
 * Opportunistic coalescing of first attempts. While fewer than `maxInFlight`
 * requests are out, a submitted item is posted at once: a lone event never
 * waits. Once that many are out, later items queue; when one settles,
 * everything queued leaves together (cut at `maxEvents` / `maxBytes`). So a
 * queued item waits for the first of the requests in flight to settle, never
 * for more than one. No timer is used, so nothing keeps a function instance
 * alive. Retries must not come here (they stay individual).
 */
export function createFirstAttemptCoalescer<R>(post: PostItems<R>, config: CoalescerConfig = {}): FirstAttemptCoalescer<R> {
  const maxEvents = config.maxEvents ?? MAX_EVENTS_PER_REQUEST;
  const maxBytes = config.maxBytes ?? MAX_BATCH_BYTES;
  const maxInFlight = Math.max(1, config.maxInFlight ?? MAX_REQUESTS_IN_FLIGHT);
  let queue: Waiting<R>[] = [];
  let inFlight = 0;

  // Everything queued leaves now: every cut of the round is posted at once, in parallel.
  function postQueued(): void {
    const taken = queue;
    queue = [];
    for (const group of cut(taken, maxEvents, maxBytes)) {
      inFlight++;
      void postGroup(group).then(settled);
    }
  }

  function settled(): void {
    inFlight--;
    if (queue.length > 0 && inFlight < maxInFlight) postQueued();
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
        // synchronously posts when a slot is free: the request starts before submit returns
        if (inFlight < maxInFlight) postQueued();
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
