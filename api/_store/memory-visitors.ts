/**
 * The consent side of the embedded store (store.ts `visitor`): withdrawal
 * markers and each visitor's set of linked event ids, both expiring like
 * their Redis keys (cw:<visitor>, ve:<visitor>). Synchronous on purpose: the
 * memory store calls it inside `claim` without awaiting, which keeps the
 * marker check, the claim and the link one atomic step.
 */
export interface MemoryVisitorIndex {
  isWithdrawn(visitor: string, at: number): boolean;
  /** Add an event to the visitor's set; the whole set then lives until `expiresAt` (like SADD + EXPIRE). */
  link(visitor: string, eventId: string, at: number, expiresAt: number): void;
  /** The ids linked to the visitor and not expired at `at`. */
  linked(visitor: string, at: number): string[];
  /** Set the marker until `expiresAt` (the link set is kept). */
  withdraw(visitor: string, expiresAt: number): void;
  clear(visitor: string): void;
  /** Drop everything expired at `at`. */
  prune(at: number): void;
  counts(): { withdrawals: number; visitorLinks: number };
}

interface LinkSet {
  ids: Set<string>;
  expiresAt: number;
}

/** A fresh, empty index. */
export function createMemoryVisitorIndex(): MemoryVisitorIndex {
  /** visitor → ms epoch when the withdrawal marker expires */
  const withdrawals = new Map<string, number>();
  const links = new Map<string, LinkSet>();

  function liveLinks(visitor: string, at: number): LinkSet | undefined {
    const entry = links.get(visitor);
    if (entry && entry.expiresAt <= at) {
      links.delete(visitor);
      return undefined;
    }
    return entry;
  }

  return {
    isWithdrawn(visitor, at) {
      const expiresAt = withdrawals.get(visitor);
      if (expiresAt === undefined) return false;
      if (expiresAt > at) return true;
      withdrawals.delete(visitor);
      return false;
    },

    link(visitor, eventId, at, expiresAt) {
      const entry = liveLinks(visitor, at) ?? { ids: new Set<string>(), expiresAt };
      entry.ids.add(eventId);
      entry.expiresAt = expiresAt;
      links.set(visitor, entry);
    },

    linked(visitor, at) {
      return [...(liveLinks(visitor, at)?.ids ?? [])];
    },

    withdraw(visitor, expiresAt) {
      withdrawals.set(visitor, expiresAt);
    },

    clear(visitor) {
      withdrawals.delete(visitor);
    },

    prune(at) {
      for (const [visitor, expiresAt] of withdrawals) if (expiresAt <= at) withdrawals.delete(visitor);
      for (const [visitor, entry] of links) if (entry.expiresAt <= at) links.delete(visitor);
    },

    counts() {
      return { withdrawals: withdrawals.size, visitorLinks: links.size };
    },
  };
}
