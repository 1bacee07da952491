/** Bounds of a boundedMemo cache. */
export interface BoundedMemoConfig {
  /** Results kept at most; the oldest entry leaves first when a new one comes in. */
  maxEntries: number;
  /** A key longer than this is computed every time and never kept, so odd inputs cannot grow the cache. */
  maxKeyChars: number;
}

/**
 * Remember `fn`'s result per exact string key, first in, first out. For pure
 * functions whose inputs repeat heavily on the hot path (a site's user agents,
 * its page URLs): the cache holds at most maxEntries × maxKeyChars characters
 * of keys. Every result is kept, also null, undefined and false. Results are
 * shared between callers, so an object result should be frozen.
 */
export function boundedMemo<R>(fn: (key: string) => R, config: BoundedMemoConfig): (key: string) => R {
  const { maxEntries, maxKeyChars } = config;
  const results = new Map<string, R>();
  return (key) => {
    // has() is only asked on a miss-looking get, so a hit costs one lookup even for falsy results
    const known = results.get(key);
    if (known !== undefined || results.has(key)) return known as R;
    const result = fn(key);
    if (key.length <= maxKeyChars && maxEntries > 0) {
      if (results.size >= maxEntries) results.delete(results.keys().next().value!);
      results.set(key, result);
    }
    return result;
  };
}
