import { describe, expect, it } from 'vitest';
import { pageUrlParts } from '../../../../api/_pipeline/page-url.js';

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
