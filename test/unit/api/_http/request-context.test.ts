import { describe, expect, it } from 'vitest';
import { isValidFbc, isValidFbp, pickClickId } from '../../../../api/_pipeline/click-ids.js';
import { MIRROR, readClickIdCookies } from '../../../../api/_http/cookies.js';
import { seededRandom } from '../../../support/seeded-random.js';
import { applyProxyHeaders, firstForwardedIp, readRequestContext } from '../../../../api/_http/request-context.js';

describe('firstForwardedIp', () => {
  it.each<[string | null, string | undefined]>([
    ['198.51.100.7', '198.51.100.7'],
    ['198.51.100.7, 10.0.0.1, 172.16.0.9', '198.51.100.7'],
    [' 2001:db8:85a3::8a2e:370:7334 ', '2001:db8:85a3::8a2e:370:7334'],
    ['2001:0DB8:0000::1', '2001:0DB8:0000::1'],
    ['10.0.0.1, 198.51.100.7', undefined],
    ['127.0.0.1', undefined],
    ['192.168.1.2', undefined],
    ['172.20.1.1', undefined],
    ['172.32.1.1', '172.32.1.1'],
    ['169.254.1.1', undefined],
    ['::1', undefined],
    ['fe80::1', undefined],
    ['fd12:3456::1', undefined],
    ['::ffff:127.0.0.1', undefined],
    ['::ffff:198.51.100.7', '::ffff:198.51.100.7'],
    ['not-an-ip', undefined],
    ['198.51.100.7:443', undefined],
    ['999.1.1.1', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s', (header, expected) => {
    expect(firstForwardedIp(header)).toBe(expected);
  });
});

describe('readClickIdCookies', () => {
  const NAMES = ['_fbc', '_fbp', MIRROR.fbc, MIRROR.fbp, '_ga', 'fbc', '_FBC', ' _fbp', 'hubspotutk', ''];
  const VALUES = ['fb.1.1795000000123.AbC%2F-xY', '"fb.1.1795000000123.42"', '', '"', '""', ' spaced ', 'a=b', 'x'];
  /** The model: every cookie into a map (first occurrence, trimmed, quotes dropped), then the four picked. */
  const expectedOf = (header: string) => {
    const all = new Map<string, string>();
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      const name = part.slice(0, eq).trim();
      let value = part.slice(eq + 1).trim();
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      if (eq > 0 && name && !all.has(name)) all.set(name, value);
    }
    return { fbc: all.get('_fbc'), fbp: all.get('_fbp'), crFbc: all.get(MIRROR.fbc), crFbp: all.get(MIRROR.fbp) };
  };

  it('reads the first of each click-id cookie, trimmed and unquoted, over generated headers', () => {
    const pick = seededRandom(0x5eed);
    for (let i = 0; i < 2_000; i += 1) {
      const parts = Array.from({ length: pick(8) }, () => (pick(10) === 0 ? 'bad' : `${NAMES[pick(NAMES.length)]}=${VALUES[pick(VALUES.length)]}`));
      const header = parts.join(pick(2) ? '; ' : ';');
      expect(readClickIdCookies(header), header).toEqual(expectedOf(header));
    }
    expect(readClickIdCookies(null)).toEqual({});
  });

  it('takes no other cookie, whatever its name', () => {
    expect(readClickIdCookies('constructor=1; toString=2; __proto__=3; fbc=4')).toEqual({});
  });

  it('keeps the first of duplicates, byte for byte', () => {
    expect(readClickIdCookies('_ga=1; _fbc=fb.1.1795000000123.AbC%2F-xY; _fbc=second; _cr_fbp="fb.1.1.7"')).toEqual({ fbc: 'fb.1.1795000000123.AbC%2F-xY', crFbp: 'fb.1.1.7' });
  });
});

describe('readRequestContext', () => {
  function ctx(headers: Record<string, string>) {
    return readRequestContext(new Request('https://t.example.com/api/event', { method: 'POST', headers }));
  }

  it('reads every signal', () => {
    expect(
      ctx({
        'x-forwarded-for': '198.51.100.7, 10.0.0.1',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
        'sec-gpc': '1',
        cookie: '_fbc=fb.1.1795000000123.AbC; _fbp=fb.1.1795000000123.42; _cr_fbc=fb.1.1795000000000.Old; _cr_fbp=fb.1.1795000000000.7',
        'x-vercel-ip-country': 'us',
        'x-vercel-ip-country-region': 'ca',
      }),
    ).toEqual({
      clientIp: '198.51.100.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      secGpc: true,
      cookies: { fbc: 'fb.1.1795000000123.AbC', fbp: 'fb.1.1795000000123.42', crFbc: 'fb.1.1795000000000.Old', crFbp: 'fb.1.1795000000000.7' },
      country: 'US',
      region: 'CA',
    });
  });

  it.each([
    ['1', true], [' 1 ', true], ['0', false], ['true', false], ['yes', false], ['1, 1', false],
  ])('Sec-GPC %j → %s', (value, expected) => {
    expect(ctx({ 'sec-gpc': value }).secGpc).toBe(expected);
  });

  it('drops malformed geo headers and an empty user agent', () => {
    expect(ctx({ 'x-vercel-ip-country': 'USA', 'x-vercel-ip-country-region': 'C-A', 'user-agent': '  ' })).toEqual({
      clientIp: undefined,
      userAgent: undefined,
      secGpc: false,
      cookies: { fbc: undefined, fbp: undefined, crFbc: undefined, crFbp: undefined },
      country: undefined,
      region: undefined,
    });
  });
});

describe('click ids', () => {
  it.each<[string, boolean]>([
    ['fb.1.1795000000123.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYX_qa2', true],
    ['fb.2.1795000000123.AbCdEf.AQQCAQIB', true],
    ['fb.0.1795000000123.a.Bg', true],
    ['fb.1.1795000000.AbC', false], // seconds, not ms
    ['fb.1.1795000000123', false],
    ['FB.1.1795000000123.AbC', false],
    ['fb.10.1795000000123.AbC', false],
    ['fb.1.1795000000123.Ab C', false],
    ['a'.repeat(64), false], // a hashed fbc is useless (docs/meta-capi.md §10)
    [`fb.1.1795000000123.${'x'.repeat(501)}`, false],
  ])('fbc %s → %s', (value, expected) => {
    expect(isValidFbc(value)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['fb.1.1795000000123.1234567890', true],
    ['fb.1.1795000000123.1234567890.AQQCAQIB', true],
    ['fb.1.1795000000123.abc', false],
    ['fb.1.179500000012.123', false],
  ])('fbp %s → %s', (value, expected) => {
    expect(isValidFbp(value)).toBe(expected);
  });

  it('picks the first valid candidate and keeps case', () => {
    expect(pickClickId(isValidFbc, 'garbage', undefined, 'fb.1.1795000000123.MiXeD')).toBe('fb.1.1795000000123.MiXeD');
    expect(pickClickId(isValidFbc, 'fb.1.1795000000123.Cookie', 'fb.1.1795000000123.Body')).toBe('fb.1.1795000000123.Cookie');
    expect(pickClickId(isValidFbc, 'nope')).toBeUndefined();
  });
});

describe('applyProxyHeaders (PROXY_SECRET)', () => {
  const SECRET = 's'.repeat(32);
  const viaEdge = (extra: Record<string, string>) =>
    new Request('https://t.example.com/api/event', {
      method: 'POST',
      body: '{"x":1}',
      headers: { 'x-forwarded-for': '192.0.2.50', 'x-vercel-ip-country': 'NL', 'x-vercel-ip-country-region': 'NH', 'user-agent': 'UA', ...extra },
    });

  it('believes the client IP, country and region of a proxy that proves the secret', async () => {
    const request = applyProxyHeaders(
      viaEdge({ 'x-relay-proxy-secret': SECRET, 'x-relay-client-ip': '198.51.100.7', 'x-relay-client-country': 'us', 'x-relay-client-region': 'CA' }),
      SECRET,
    );
    const ctx = readRequestContext(request);
    expect(ctx).toMatchObject({ clientIp: '198.51.100.7', country: 'US', region: 'CA', userAgent: 'UA' });
    expect([...request.headers.keys()].filter((k) => k.startsWith('x-relay-'))).toEqual([]);
    expect(await request.text()).toBe('{"x":1}');
  });

  it('leaves a value the proxy did not send unknown instead of using the proxy’s own', () => {
    const ctx = readRequestContext(applyProxyHeaders(viaEdge({ 'x-relay-proxy-secret': SECRET, 'x-relay-client-ip': '198.51.100.7' }), SECRET));
    expect(ctx.clientIp).toBe('198.51.100.7');
    expect(ctx.country).toBeUndefined();
    expect(ctx.region).toBeUndefined();
  });

  it.each([
    ['a wrong secret', 'x'.repeat(32), SECRET],
    ['no PROXY_SECRET configured', SECRET, undefined],
  ])('drops the proxy’s claims and the edge’s values (the proxy’s) for %s', (_name, presented, configured) => {
    const ctx = readRequestContext(
      applyProxyHeaders(viaEdge({ 'x-relay-proxy-secret': presented, 'x-relay-client-ip': '198.51.100.7', 'x-relay-client-country': 'US' }), configured),
    );
    expect(ctx.clientIp).toBeUndefined();
    expect(ctx.country).toBeUndefined();
  });

  it('ignores x-relay-client-* sent without the secret header and keeps the edge’s values', () => {
    const ctx = readRequestContext(applyProxyHeaders(viaEdge({ 'x-relay-client-ip': '198.51.100.7', 'x-relay-client-country': 'US' }), SECRET));
    expect(ctx).toMatchObject({ clientIp: '192.0.2.50', country: 'NL', region: 'NH' });
  });

  it('returns the request itself when no proxy header is present', () => {
    const request = viaEdge({});
    expect(applyProxyHeaders(request, SECRET)).toBe(request);
  });
});
