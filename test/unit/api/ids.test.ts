import { beforeAll, describe, expect, test } from 'vitest';
import { clickIdCookies, cookieScope, registrableDomain, resolveClickIds } from '../../../api/_http/click-id-cookies.js';
import { readClickIdCookies } from '../../../api/_http/cookies.js';
import { loadEnv } from '../../../api/_config/env.js';
import { createRuntime, setRuntime } from '../../../api/_config/runtime.js';
import { OPTIONS, POST } from '../../../api/ids.js';

const NOW = 1_800_000_000_000;
const FBC = 'fb.1.1700000000000.AbC';
const FBP = 'fb.1.1700000000000.42';

describe('registrableDomain', () => {
  test.each([
    ['t.shop.com', 'shop.com'],
    ['www.shop.co.uk', 'shop.co.uk'],
    ['a.b.shop.com.au', 'shop.com.au'],
    ['relay-abc.vercel.app', 'relay-abc.vercel.app'],
    ['site.webflow.io', 'site.webflow.io'],
    ['shop.test', 'shop.test'],
    ['localhost', undefined],
    ['127.0.0.1', undefined],
    ['co.uk', undefined],
    // Public Suffix List entries the old built-in list missed: the browser refused Domain=ac.jp etc.
    ['t.x.ac.jp', 'x.ac.jp'],
    ['t.example.co.uk', 'example.co.uk'],
    ['t.example.com', 'example.com'],
    ['t.site.gov.in', 'site.gov.in'],
    ['t.site.org.il', 'site.org.il'],
    ['t.school.edu.sg', 'school.edu.sg'],
    ['t.dept.gc.ca', 'dept.gc.ca'],
    ['T.Example.COM.', 'example.com'],
    ['ac.jp', undefined],
    ['[::1]', undefined],
  ])('%s → %s', (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });
});

describe('cookieScope', () => {
  test.each([
    ['same site: subdomain API', 'https://t.shop.com/api/ids', 'https://www.shop.com', undefined, { domain: 'shop.com', canSet: true, secure: true }],
    ['apex page', 'https://t.shop.com/api/ids', 'https://shop.com', undefined, { domain: 'shop.com', canSet: true, secure: true }],
    ['cross site', 'https://relay.vercel.app/api/ids', 'https://www.shop.com', undefined, { domain: 'relay.vercel.app', canSet: false, secure: true }],
    ['COOKIE_DOMAIN wins', 'https://t.shop.com/api/ids', 'https://www.shop.com', 'shop.com', { domain: 'shop.com', canSet: true, secure: true }],
    ['plain http local dev: no Secure', 'http://t.shop.test:3000/api/ids', 'http://www.shop.test:8080', undefined, { domain: 'shop.test', canSet: true, secure: false }],
    ['localhost, same host: host-only cookies', 'http://localhost:3000/api/ids', 'http://localhost:8080', undefined, { domain: undefined, canSet: true, secure: false }],
    ['localhost API, 127.0.0.1 page', 'http://localhost:3000/api/ids', 'http://127.0.0.1:8080', undefined, { domain: undefined, canSet: false, secure: false }],
    ['a university subdomain under ac.jp', 'https://t.x.ac.jp/api/ids', 'https://www.x.ac.jp', undefined, { domain: 'x.ac.jp', canSet: true, secure: true }],
    ['another site under the same suffix is cross-site', 'https://t.x.ac.jp/api/ids', 'https://www.y.ac.jp', undefined, { domain: 'x.ac.jp', canSet: false, secure: true }],
    ['a COOKIE_DOMAIN that is a public suffix is never claimed as set', 'https://t.x.ac.jp/api/ids', 'https://www.x.ac.jp', 'ac.jp', { domain: undefined, canSet: false, secure: true }],
  ])('%s', (_name, url, origin, cookieDomain, expected) => {
    expect(cookieScope(url, origin, cookieDomain)).toEqual(expected);
  });
});

describe('resolveClickIds', () => {
  const random = () => 0.5;
  test.each([
    ['new click from the page, nothing stored', {}, { fbc: FBC }, { fbc: FBC, fbp: `fb.1.${NOW}.${2 ** 30}` }],
    ['same click again keeps the stored (older) value', { _fbc: 'fb.1.1600000000000.AbC' }, { fbc: FBC }, { fbc: 'fb.1.1600000000000.AbC' }],
    ['a new click replaces the stored one', { _fbc: 'fb.1.1600000000000.Old' }, { fbc: FBC }, { fbc: FBC }],
    ['Safari purged _fbc/_fbp: restored from the HttpOnly mirrors', { _cr_fbc: FBC, _cr_fbp: FBP }, {}, { fbc: FBC, fbp: FBP }],
    ['an existing _fbp is never regenerated', { _fbp: FBP }, { fbp: 'fb.1.1700000000000.99' }, { fbp: FBP }],
    ['malformed values are ignored', { _fbc: 'garbage', _fbp: 'fb.1.12.x' }, { fbc: 'fb.1.notatime.x' }, { fbc: undefined, fbp: `fb.1.${NOW}.${2 ** 30}` }],
  ])('%s', (_name, cookies, page, expected) => {
    const header = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    expect(resolveClickIds(readClickIdCookies(header), page, NOW, random)).toMatchObject(expected);
  });
});

test('clickIdCookies: readable _fbc/_fbp plus HttpOnly mirrors, 90 days, Lax, domain, Secure', () => {
  expect(clickIdCookies({ fbc: FBC, fbp: FBP }, { domain: 'shop.com', canSet: true, secure: true })).toEqual([
    `_fbc=${FBC}; Path=/; Max-Age=7776000; SameSite=Lax; Domain=shop.com; Secure`,
    `_cr_fbc=${FBC}; Path=/; Max-Age=7776000; SameSite=Lax; Domain=shop.com; Secure; HttpOnly`,
    `_fbp=${FBP}; Path=/; Max-Age=7776000; SameSite=Lax; Domain=shop.com; Secure`,
    `_cr_fbp=${FBP}; Path=/; Max-Age=7776000; SameSite=Lax; Domain=shop.com; Secure; HttpOnly`,
  ]);
});

test('readClickIdCookies', () => {
  expect(readClickIdCookies(`a=1; _fbc=${FBC}; b; =x; _fbc=second`)).toEqual({ fbc: FBC });
  expect(readClickIdCookies(null)).toEqual({});
});

describe('POST /api/ids', () => {
  beforeAll(async () => {
    setRuntime(await createRuntime(loadEnv({ ALLOWED_ORIGINS: 'https://www.shop.com' })));
  });

  const call = (init: { origin?: string; body?: string; cookie?: string; gpc?: boolean; url?: string }) =>
    POST(
      new Request(init.url ?? 'https://t.shop.com/api/ids', {
        method: 'POST',
        headers: {
          ...(init.origin !== undefined ? { origin: init.origin } : { origin: 'https://www.shop.com' }),
          ...(init.cookie ? { cookie: init.cookie } : {}),
          ...(init.gpc ? { 'sec-gpc': '1' } : {}),
        },
        body: init.body ?? '{}',
      }),
    );

  test('same site: sets the cookies and says so', async () => {
    const response = await call({ body: JSON.stringify({ fbc: FBC }), cookie: `_fbp=${FBP}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ fbc: FBC, fbp: FBP, cookies: 'server' });
    expect(response.headers.getSetCookie()).toHaveLength(4);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://www.shop.com');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  test('cross site: no Set-Cookie, the page writes them', async () => {
    const response = await call({ url: 'https://relay.vercel.app/api/ids', body: JSON.stringify({ fbc: FBC, fbp: FBP }) });
    expect(await response.json()).toEqual({ fbc: FBC, fbp: FBP, cookies: 'page' });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test('Sec-GPC: 1 sets and returns nothing', async () => {
    const response = await call({ gpc: true, body: JSON.stringify({ fbc: FBC }) });
    expect(await response.json()).toEqual({ cookies: 'none' });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  test.each([
    ['not an object', '[1]', [{ path: '', message: 'body must be a JSON object' }]],
    ['wrong types', '{"fbc":1,"fbp":true}', [{ path: 'fbc', message: 'must be a string' }, { path: 'fbp', message: 'must be a string' }]],
  ])('400 listing what is wrong: %s', async (_name, body, issues) => {
    const response = await call({ body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_body', issues });
  });

  test.each([
    ['not JSON', '{', 400, 'malformed_json'],
    ['over 4 KiB (the read stops at the limit)', JSON.stringify({ fbc: 'x'.repeat(5000) }), 413, 'payload_too_large'],
  ])('%s → %i', async (_name, body, status, error) => {
    const response = await call({ body });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error });
  });

  test('a content type other than JSON or text/plain → 415', async () => {
    const response = await POST(
      new Request('https://t.shop.com/api/ids', { method: 'POST', headers: { origin: 'https://www.shop.com', 'content-type': 'application/xml' }, body: '<ids/>' }),
    );
    expect(response.status).toBe(415);
  });

  test('an origin not on the allow-list: 403 without CORS headers', async () => {
    const response = await call({ origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('preflight answers for allowed origins', async () => {
    const response = await OPTIONS(new Request('https://t.shop.com/api/ids', { method: 'OPTIONS', headers: { origin: 'https://www.shop.com' } }));
    expect(response.status).toBe(204);
  });
});
