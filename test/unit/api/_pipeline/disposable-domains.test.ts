import { disposableEmailBlocklist } from 'disposable-email-domains-js';
import { describe, expect, it } from 'vitest';
import { isDisposableDomainListed } from '../../../../api/_pipeline/disposable-domains.js';

const packageList: string[] = disposableEmailBlocklist();

/** Near misses of a listed domain: what a binary search gets wrong first when it is off by one. */
function nearMisses(domain: string): string[] {
  const last = domain.charCodeAt(domain.length - 1);
  return [domain.slice(1), `${domain}x`, `a${domain}`, domain.slice(0, -1), `${domain.slice(0, -1)}${String.fromCharCode(last + 1)}`, `${domain.slice(0, -1)}${String.fromCharCode(last - 1)}`];
}

describe('the disposable-domain list as the lockfile installs it', () => {
  // isDisposableDomainListed relies on these; a release that breaks one fails here, not in production.
  it('is sorted in string order, in lower case, without duplicates', () => {
    expect(packageList.length).toBeGreaterThan(5_000);
    const outOfOrder = packageList.filter((item, i) => i > 0 && !(packageList[i - 1]! < item));
    expect(outOfOrder).toEqual([]);
    expect(packageList.filter((item) => item !== item.toLowerCase())).toEqual([]);
  });
});

describe('isDisposableDomainListed', () => {
  it('finds every listed domain and nothing else, as a Set of the package list would', () => {
    const listed = new Set(packageList);
    const probes = [...packageList, ...packageList.flatMap(nearMisses), 'gmail.com', 'example.org', '', '0', '~', 'zzzzzzzz.zz'];
    const wrong = probes.filter((domain) => isDisposableDomainListed(domain) !== listed.has(domain));
    expect(wrong).toEqual([]);
    expect(probes.filter((domain) => !listed.has(domain)).length).toBeGreaterThan(packageList.length);
  });
});
