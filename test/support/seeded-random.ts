/**
 * A seeded generator for tests that sweep generated inputs: failures reproduce
 * with the same seed. A 32-bit LCG (Numerical Recipes constants) kept exact by
 * `>>> 0`; `state * a` stays below 2^53, so no precision is lost and the
 * sequence does not collapse onto a few values.
 */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * below);
  };
}
