import { getDomain, getPublicSuffix } from 'tldts';
import { isValidFbc, isValidFbp, pickClickId } from '../_pipeline/click-ids.js';
import { MIRROR, type ClickIdCookies } from './cookies.js';

/** `_fbc` / `_fbp` as the page should carry them (docs/meta-capi.md §4). */
export interface ClickIds {
  fbc?: string;
  fbp?: string;
}

/** Where the cookies can be written from this request. */
export interface CookieScope {
  /** Domain attribute, or undefined for a host-only cookie (localhost, IP addresses). */
  domain?: string;
  /** the page's host lies within the cookie domain, so our Set-Cookie reaches it */
  canSet: boolean;
  /** https request: cookies get `Secure` (plain-http local dev could not store them) */
  secure: boolean;
}

/** 90 days, as Meta's own tooling (docs/platform.md §2.4). */
const MAX_AGE_S = 90 * 24 * 3600;

/**
 * The registrable domain (eTLD+1) of a host name, by the Public Suffix List
 * (tldts, private section included: browsers refuse `Domain=vercel.app` as they
 * refuse `Domain=ac.jp`), or undefined for IPs, localhost and bare suffixes.
 * A hand-kept list missed suffixes such as ac.jp, gov.in or org.il: the browser
 * then dropped the cookie while the answer said it was set (docs/platform.md §2.4).
 */
export function registrableDomain(host: string): string | undefined {
  return getDomain(host.toLowerCase().replace(/\.$/, ''), { allowPrivateDomains: true }) ?? undefined;
}

/** True when `domain` is itself a public suffix: a browser refuses it as a cookie Domain. */
function isPublicSuffix(domain: string): boolean {
  return getPublicSuffix(domain, { allowPrivateDomains: true }) === domain;
}

function isWithin(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain);
}

/**
 * Can this API host set cookies the page will see? Only when the page's host
 * (from Origin) and ours share the cookie domain; otherwise the API is
 * cross-site and the widget writes the cookies itself.
 */
export function cookieScope(requestUrl: string, pageOrigin: string, cookieDomain?: string): CookieScope {
  const api = new URL(requestUrl);
  const pageHost = new URL(pageOrigin).hostname;
  // A COOKIE_DOMAIN that is a public suffix would be dropped by the browser: never claim it was set.
  const domain = cookieDomain && !isPublicSuffix(cookieDomain) ? cookieDomain : cookieDomain ? undefined : registrableDomain(api.hostname);
  const canSet = domain ? isWithin(pageHost, domain) && isWithin(api.hostname, domain) : !cookieDomain && pageHost === api.hostname;
  return { domain, canSet, secure: api.protocol === 'https:' };
}

/**
 * Decide the effective ids. `_fbc`: the page's candidate when it carries a
 * new fbclid (last touch), else what the browser already has, restored from
 * our HttpOnly copy when Safari purged it; the same fbclid keeps its old
 * timestamp. `_fbp`: never regenerated while any copy exists; minted as
 * `fb.1.<ms>.<random int below 2^31>` (docs/meta-capi.md §4.1) only when none does.
 */
export function resolveClickIds(cookies: ClickIdCookies, page: ClickIds, now: number, random: () => number): ClickIds {
  const existing = pickClickId(isValidFbc, cookies.fbc, cookies.crFbc);
  const candidate = pickClickId(isValidFbc, page.fbc);
  const clickOf = (fbc: string): string | undefined => fbc.split('.')[3];
  const fbc = candidate && (!existing || clickOf(existing) !== clickOf(candidate)) ? candidate : existing;
  const fbp = pickClickId(isValidFbp, cookies.fbp, page.fbp, cookies.crFbp) ?? `fb.1.${now}.${Math.floor(random() * 2 ** 31)}`;
  return { fbc, fbp };
}

/**
 * Set-Cookie values: `_fbc`/`_fbp` readable by script (the Pixel reads and
 * rewrites them, so never HttpOnly: docs/platform.md §2.5) plus HttpOnly mirrors.
 */
export function clickIdCookies(ids: ClickIds, scope: CookieScope): string[] {
  const attributes = `; Path=/; Max-Age=${MAX_AGE_S}; SameSite=Lax${scope.domain ? `; Domain=${scope.domain}` : ''}${scope.secure ? '; Secure' : ''}`;
  const out: string[] = [];
  for (const key of ['fbc', 'fbp'] as const) {
    const value = ids[key];
    if (value) out.push(`_${key}=${value}${attributes}`, `${MIRROR[key]}=${value}${attributes}; HttpOnly`);
  }
  return out;
}
