/**
 * A regular expression created on its first use instead of on import. For a pattern
 * with Unicode property classes (`\p{L}`, `\p{Z}`, …) V8 builds their character sets
 * when the RegExp object is created, which made them part of every cold start whether
 * the first request ran them or not: the Unicode email pattern alone was ~6.5M
 * instructions of the event function's first request, which an ASCII address never
 * runs (docs/platform.md §1.13).
 */
export function builtOnFirstUse(build: () => RegExp): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= build());
}
