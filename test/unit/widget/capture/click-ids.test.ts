// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fbcFor, readCookie, syncClickIds, writeCookie } from '../../../../widget/capture/click-ids.js';

function clearCookies(): void {
  for (const part of document.cookie.split('; ')) {
    const name = part.split('=')[0];
    if (name) document.cookie = `${name}=; max-age=0; path=/`;
  }
}

beforeEach(clearCookies);
afterEach(() => {
  clearCookies();
  vi.unstubAllGlobals();
});

describe('fbcFor', () => {
  const NOW = 1_800_000_000_123;
  test.each([
    ['new fbclid, no cookie → new fbc with ms timestamp, case kept', '?fbclid=IwAR_AbC-xyZ', undefined, `fb.1.${NOW}.IwAR_AbC-xyZ`],
    ['same fbclid again → the old timestamp is kept', '?fbclid=AbC', 'fb.1.1700000000000.AbC', 'fb.1.1700000000000.AbC'],
    ['same fbclid, Parameter Builder appendix → kept as is', '?fbclid=AbC', 'fb.1.1700000000000.AbC.AQQCAQIB', 'fb.1.1700000000000.AbC.AQQCAQIB'],
    ['a new fbclid replaces the old one (last touch)', '?fbclid=NewOne', 'fb.1.1700000000000.AbC', `fb.1.${NOW}.NewOne`],
    ['fbclid differing only in case is a new click', '?fbclid=abc', 'fb.1.1700000000000.AbC', `fb.1.${NOW}.abc`],
    ['no fbclid → current cookie', '?utm_source=x', 'fb.1.1700000000000.AbC', 'fb.1.1700000000000.AbC'],
    ['no fbclid, no cookie → nothing', '', undefined, undefined],
    ['fbclid over 500 chars is ignored', `?fbclid=${'a'.repeat(501)}`, undefined, undefined],
    ['fbclid of exactly 500 chars is used', `?fbclid=${'a'.repeat(500)}`, undefined, `fb.1.${NOW}.${'a'.repeat(500)}`],
    ['fbclid with cookie-breaking characters is ignored', '?fbclid=a%3Bdomain%3Devil.com', undefined, undefined],
  ])('%s', (_name, search, current, expected) => {
    expect(fbcFor(search, current, NOW)).toBe(expected);
  });
});

describe('cookies written by the page (cross-site API fallback)', () => {
  test('writeCookie stores a readable, non-HttpOnly cookie', () => {
    writeCookie('_fbc', 'fb.1.1700000000000.AbC');
    expect(readCookie('_fbc')).toBe('fb.1.1700000000000.AbC');
  });

  test('readCookie matches the whole name only', () => {
    document.cookie = 'x_fbc=nope; path=/';
    expect(readCookie('_fbc')).toBeUndefined();
  });
});

describe('syncClickIds', () => {
  const answer = (body: object, ok = true) => vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status: ok ? 200 : 500 })));

  test('posts the page ids as a text/plain JSON string with credentials', async () => {
    const fetchMock = answer({ cookies: 'server' });
    vi.stubGlobal('fetch', fetchMock);
    await syncClickIds('https://t.example.com/', { fbc: 'fb.1.1700000000000.AbC' });
    expect(fetchMock).toHaveBeenCalledWith('https://t.example.com/api/ids', { method: 'POST', credentials: 'include', body: '{"fbc":"fb.1.1700000000000.AbC"}' });
  });

  test('"server": the response set the cookies, the page writes nothing', async () => {
    vi.stubGlobal('fetch', answer({ fbc: 'fb.1.1700000000000.AbC', fbp: 'fb.1.1700000000000.42', cookies: 'server' }));
    const ids = await syncClickIds('https://t.example.com/', {});
    expect(ids).toEqual({ fbc: 'fb.1.1700000000000.AbC', fbp: 'fb.1.1700000000000.42' });
    expect(readCookie('_fbc')).toBeUndefined();
  });

  test('"page": a cross-site API, so the page writes both cookies', async () => {
    vi.stubGlobal('fetch', answer({ fbc: 'fb.1.1700000000000.AbC', fbp: 'fb.1.1700000000000.42', cookies: 'page' }));
    await syncClickIds('https://relay.example.net/', {});
    expect(readCookie('_fbc')).toBe('fb.1.1700000000000.AbC');
    expect(readCookie('_fbp')).toBe('fb.1.1700000000000.42');
  });

  test.each([
    ['unreachable', vi.fn(() => Promise.reject(new TypeError('blocked')))],
    ['answering 500', answer({}, false)],
  ])('API %s: the page keeps and writes its own fbc', async (_name, fetchMock) => {
    vi.stubGlobal('fetch', fetchMock);
    const ids = await syncClickIds('https://t.example.com/', { fbc: 'fb.1.1700000000000.AbC' });
    expect(ids).toEqual({ fbc: 'fb.1.1700000000000.AbC', fbp: undefined });
    expect(readCookie('_fbc')).toBe('fb.1.1700000000000.AbC');
  });
});
