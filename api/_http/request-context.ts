import { isIP } from 'node:net';
import type { RequestContext } from '../_contract/request-context.js';
import { bearerMatches } from './bearer-auth.js';
import { readClickIdCookies } from './cookies.js';

/**
 * Longest user agent kept. Real ones are under 300 characters; the header itself
 * may be kilobytes, and it is stored with every event (raw receipt, payload).
 */
const MAX_USER_AGENT_CHARS = 512;

/** Read every request-side signal the pipeline uses. */
export function readRequestContext(request: Request): RequestContext {
  const h = request.headers;
  const country = h.get('x-vercel-ip-country')?.trim() ?? '';
  const region = h.get('x-vercel-ip-country-region')?.trim() ?? '';
  const userAgent = h.get('user-agent')?.trim().slice(0, MAX_USER_AGENT_CHARS);
  return {
    clientIp: firstForwardedIp(h.get('x-forwarded-for')),
    userAgent: userAgent ? userAgent : undefined,
    secGpc: h.get('sec-gpc')?.trim() === '1',
    cookies: readClickIdCookies(h.get('cookie')),
    country: /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined,
    region: /^[A-Za-z0-9]{1,3}$/.test(region) ? region.toUpperCase() : undefined,
  };
}

/**
 * The client IP as Vercel sets it: the first X-Forwarded-For entry (Vercel overwrites
 * client-sent values, docs/platform.md §1.7). Never the last hop (docs/meta-capi.md §10).
 */
export function firstForwardedIp(header: string | null): string | undefined {
  const first = header?.split(',')[0]?.trim();
  if (!first || isIP(first) === 0) return undefined;
  return isPublicIp(first) ? first : undefined;
}

// Meta wants the real end-user IP; private and loopback ranges identify nobody (docs/meta-capi.md §3.3).
const PRIVATE_V4 = [/^10\./, /^127\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\./];
const PRIVATE_V6 = [/^::1?$/, /^fe[89ab][0-9a-f]?:/i, /^f[cd][0-9a-f]{0,2}:/i];

/** False for loopback, link-local, private and unspecified addresses. */
export function isPublicIp(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return isPublicIp(mapped[1]);
  const patterns = ip.includes(':') ? PRIVATE_V6 : PRIVATE_V4;
  return !patterns.some((re) => re.test(ip));
}

/** The headers a path proxy on the site's own host adds (docs/platform.md §1.11). */
export const PROXY_HEADERS = {
  secret: 'x-relay-proxy-secret',
  clientIp: 'x-relay-client-ip',
  country: 'x-relay-client-country',
  region: 'x-relay-client-region',
} as const;

/** What the edge says about who connected; behind a proxy it describes the proxy. */
const EDGE_CLIENT_HEADERS = ['x-forwarded-for', 'x-real-ip', 'x-vercel-forwarded-for', 'x-vercel-ip-country', 'x-vercel-ip-country-region'];

/**
 * The request as readRequestContext should see it when a path proxy may sit in
 * front. Behind a proxy Vercel's IP and geo headers describe the proxy, so:
 * a proxy that proves PROXY_SECRET (constant-time) has its `x-relay-client-*`
 * values put in their place (a value it leaves out stays unknown); a proxy
 * header with a wrong or unconfigured secret means the edge values are the
 * proxy's, so they are dropped. `x-relay-client-*` without the secret header
 * are anyone's claim and are removed. Without any proxy header the request is
 * returned as it is.
 */
export function applyProxyHeaders(request: Request, proxySecret: string | undefined): Request {
  const names = Object.values(PROXY_HEADERS);
  if (!names.some((name) => request.headers.has(name))) return request;
  const headers = new Headers(request.headers);
  for (const name of names) headers.delete(name);
  const presented = request.headers.get(PROXY_HEADERS.secret);
  if (presented !== null) {
    for (const name of EDGE_CLIENT_HEADERS) headers.delete(name);
    if (bearerMatches(`Bearer ${presented}`, proxySecret)) {
      const ip = request.headers.get(PROXY_HEADERS.clientIp)?.trim();
      const country = request.headers.get(PROXY_HEADERS.country)?.trim();
      const region = request.headers.get(PROXY_HEADERS.region)?.trim();
      if (ip && isIP(ip) !== 0) headers.set('x-forwarded-for', ip);
      if (country) headers.set('x-vercel-ip-country', country);
      if (region) headers.set('x-vercel-ip-country-region', region);
    }
  }
  return new Request(request, { headers });
}
