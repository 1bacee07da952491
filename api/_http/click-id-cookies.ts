import { isValidFbc, isValidFbp, pickClickId } from '../_pipeline/click-ids.js';
import { MIRROR } from './cookies.js';

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
 * Public suffixes with more than one label that sites commonly sit under
 * (country second levels and hosting platforms from the Public Suffix List).
 * A small list instead of the whole PSL: a miss only means a cookie domain the
 * browser refuses, which the widget then covers with document.cookie.
 */
const MULTI_LABEL_SUFFIXES = new Set(
  (
    'co.uk org.uk me.uk ltd.uk plc.uk net.uk ac.uk gov.uk com.au net.au org.au edu.au gov.au co.nz net.nz org.nz ' +
    'co.jp ne.jp or.jp co.kr co.in net.in org.in co.za com.br net.br org.br com.mx com.ar com.co com.pe com.tr ' +
    'com.cn com.hk com.sg com.my com.ph com.tw com.ua com.pl com.es co.il co.id co.th com.vn com.ng co.ke com.eg ' +
    'com.sa co.at or.at com.gr com.cy com.mt ' +
    'vercel.app netlify.app github.io webflow.io herokuapp.com pages.dev workers.dev web.app firebaseapp.com ' +
    'azurewebsites.net cloudfront.net myshopify.com wixsite.com appspot.com blogspot.com onrender.com fly.dev'
  ).split(' '),
);

/** The registrable domain (eTLD+1) of a host name, or undefined for IPs, localhost and bare suffixes. */
export function registrableDomain(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.') || /^[\d.]+$/.test(name) || name.includes(':')) return undefined;
  const labels = name.split('.');
  const take = MULTI_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.length >= take ? labels.slice(-take).join('.') : undefined;
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
  const domain = cookieDomain ?? registrableDomain(api.hostname);
  const canSet = domain ? isWithin(pageHost, domain) && isWithin(api.hostname, domain) : pageHost === api.hostname;
  return { domain, canSet, secure: api.protocol === 'https:' };
}

/**
 * Decide the effective ids. `_fbc`: the page's candidate when it carries a
 * new fbclid (last touch), else what the browser already has, restored from
 * our HttpOnly copy when Safari purged it; the same fbclid keeps its old
 * timestamp. `_fbp`: never regenerated while any copy exists; minted as
 * `fb.1.<ms>.<random int below 2^31>` (docs/meta-capi.md §4.1) only when none does.
 */
export function resolveClickIds(cookies: Record<string, string>, page: ClickIds, now: number, random: () => number): ClickIds {
  const existing = pickClickId(isValidFbc, cookies['_fbc'], cookies[MIRROR.fbc]);
  const candidate = pickClickId(isValidFbc, page.fbc);
  const clickOf = (fbc: string): string | undefined => fbc.split('.')[3];
  const fbc = candidate && (!existing || clickOf(existing) !== clickOf(candidate)) ? candidate : existing;
  const fbp = pickClickId(isValidFbp, cookies['_fbp'], page.fbp, cookies[MIRROR.fbp]) ?? `fb.1.${now}.${Math.floor(random() * 2 ** 31)}`;
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
