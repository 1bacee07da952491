import { isIP } from 'node:net';
import type { RequestContext } from '../_contract/request-context.js';
import { MIRROR, parseCookies } from './cookies.js';

/**
 * Longest user agent kept. Real ones are under 300 characters; the header itself
 * may be kilobytes, and it is stored with every event (raw receipt, payload).
 */
const MAX_USER_AGENT_CHARS = 512;

/** Read every request-side signal the pipeline uses. */
export function readRequestContext(request: Request): RequestContext {
  const h = request.headers;
  const cookies = parseCookies(h.get('cookie'));
  const country = h.get('x-vercel-ip-country')?.trim() ?? '';
  const region = h.get('x-vercel-ip-country-region')?.trim() ?? '';
  const userAgent = h.get('user-agent')?.trim().slice(0, MAX_USER_AGENT_CHARS);
  return {
    clientIp: firstForwardedIp(h.get('x-forwarded-for')),
    userAgent: userAgent ? userAgent : undefined,
    secGpc: h.get('sec-gpc')?.trim() === '1',
    cookies: { fbc: cookies['_fbc'], fbp: cookies['_fbp'], crFbc: cookies[MIRROR.fbc], crFbp: cookies[MIRROR.fbp] },
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
