import { disposableEmailBlocklist } from 'disposable-email-domains-js';

/**
 * Whether `domain` is on the throwaway-mail list of disposable-email-domains-js (a maintained
 * list package). The list (~9,000 domains) is read from the package on the first email an
 * instance sees, not on import, and searched in place: it ships sorted in string order and in
 * lower case, so a binary search finds a domain without building a Set.
 *
 * The order is the package's, not a promise, and it is not checked here: checking it cost a cold
 * event function more than everything else the list costs after its parse (a loop over 9,000
 * strings before V8 has compiled it; docs/platform.md §1.13). The test checks it instead, for the
 * version the lockfile installs (test/unit/api/_pipeline/disposable-domains.test.ts), so a release
 * that is not sorted fails CI rather than missing domains here.
 */
export function isDisposableDomainListed(domain: string): boolean {
  const list = (sortedList ??= disposableEmailBlocklist());
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < domain) low = mid + 1;
    else high = mid;
  }
  return list[low] === domain;
}

let sortedList: readonly string[] | undefined;
