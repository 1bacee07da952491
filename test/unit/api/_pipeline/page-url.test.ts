import { describe, expect, it } from 'vitest';
import { auditPageUrl, pageUrlParts } from '../../../../api/_pipeline/page-url.js';

describe('pageUrlParts', () => {
  it.each([
    'https://www.example.com/contact?utm_source=x#top',
    'http://localhost:3000/a/b/',
    'https://a.co',
    'https://EXAMPLE.com:443/Path%20x?q',
    'ftp://files.example.com/x',
  ])('reads %s as new URL() does', (url) => {
    const u = new URL(url);
    const expected = { protocol: u.protocol, host: u.host, origin: u.origin, pathname: u.pathname };
    // the second call is answered from the cache and must not differ
    expect(pageUrlParts(url)).toEqual(expected);
    expect(pageUrlParts(url)).toEqual(expected);
  });

  it.each(['nonsense', '', '/relative/path', 'https://'])('gives null for %j, also when asked again', (url) => {
    expect(pageUrlParts(url)).toBeNull();
    expect(pageUrlParts(url)).toBeNull();
  });

  it('stays correct past its cache size and for very long URLs', () => {
    for (let i = 0; i < 600; i++) expect(pageUrlParts(`https://s${i}.example.com/p${i}?q=${i}`)?.host).toBe(`s${i}.example.com`);
    const long = `https://www.example.com/${'x'.repeat(5000)}`;
    expect(pageUrlParts(long)?.pathname).toBe(`/${'x'.repeat(5000)}`);
    expect(pageUrlParts(long)?.pathname).toBe(`/${'x'.repeat(5000)}`);
  });

  it('hands out objects a caller cannot change for the next caller', () => {
    const parts = pageUrlParts('https://www.example.com/frozen')!;
    expect(() => {
      (parts as { pathname: string }).pathname = '/changed';
    }).toThrow(TypeError);
    expect(pageUrlParts('https://www.example.com/frozen')?.pathname).toBe('/frozen');
  });
});

describe('auditPageUrl (docs/consent.md §6.4)', () => {
  it.each([
    ['drops other parameters and the fragment', 'https://www.example.com/contact?email=jane%40x.com&phone=1#top', 'https://www.example.com/contact'],
    ['keeps the utm_* parameters, in a fixed order', 'https://www.example.com/p?fbclid=Iw&utm_campaign=spring&email=a&utm_source=meta', 'https://www.example.com/p?utm_source=meta&utm_campaign=spring'],
    ['keeps a port and the root path', 'http://localhost:3000/?gclid=1', 'http://localhost:3000/'],
    ['cuts a long path and long campaign values', `https://a.example/${'p'.repeat(600)}?utm_term=${'t'.repeat(300)}`, `https://a.example/${'p'.repeat(511)}?utm_term=${'t'.repeat(100)}`],
    ['says so for a URL that does not parse', 'not a url', '(invalid url)'],
  ])('%s', (_name, url, expected) => {
    expect(auditPageUrl(url)).toBe(expected);
  });
});
