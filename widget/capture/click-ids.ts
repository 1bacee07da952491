import { readCookie } from '../consent/cookie.js';

export { readCookie };

/** Meta's click and browser ids as the page should carry them (docs/meta-capi.md §4). */
export interface ClickIds {
  fbc?: string;
  fbp?: string;
}

/** What /api/ids answers: the effective ids, and who writes the cookies. */
interface IdsAnswer extends ClickIds {
  /** "server": set by the response (same site); "page": the API is cross-site, write them here */
  cookies?: 'server' | 'page';
}

/** Meta's browser library ignores longer fbclids (docs/meta-capi.md §4.3); the charset keeps cookie syntax safe. */
const FBCLID = /^[\w-]{1,500}$/;
/** 90 days, as Meta's own tooling (docs/platform.md §2.4). */
const COOKIE_MAX_AGE_S = 7_776_000;

/**
 * The `_fbc` this page should have: a new `fb.1.<ms>.<fbclid>` for a new
 * fbclid (last touch wins), the current one when the fbclid is the same (its
 * timestamp is kept) or absent. The fbclid is case-sensitive: never changed.
 */
export function fbcFor(search: string, current: string | undefined, now: number): string | undefined {
  const fbclid = new URLSearchParams(search).get('fbclid');
  if (!fbclid || !FBCLID.test(fbclid) || current?.split('.')[3] === fbclid) return current;
  return `fb.1.${now}.${fbclid}`;
}

/** The ids as the page sees them right now (before the server has answered). */
export function localClickIds(now: number): ClickIds {
  return { fbc: fbcFor(location.search, readCookie('_fbc'), now), fbp: readCookie('_fbp') };
}

/**
 * Write a first-party cookie on the highest domain that accepts it (the
 * browser refuses public suffixes such as co.uk), like Meta's browser library;
 * host-only where no domain is accepted (localhost, IP addresses).
 */
export function writeCookie(name: string, value: string): void {
  const labels = location.hostname.split('.');
  const base = `${name}=${value};path=/;max-age=${COOKIE_MAX_AGE_S};samesite=lax${location.protocol === 'https:' ? ';secure' : ''}`;
  for (let i = labels.length - 2; i >= 0; i--) {
    document.cookie = `${base};domain=${labels.slice(i).join('.')}`;
    if (readCookie(name) === value) return;
  }
  document.cookie = base;
}

/**
 * Ask the relay (POST /api/ids, text/plain JSON, credentials) to set `_fbc` /
 * `_fbp` as server cookies and restore ones Safari purged (docs/platform.md §2).
 * When it cannot (cross-site API) or cannot be reached, write them here.
 */
export async function syncClickIds(endpoint: string, local: ClickIds): Promise<ClickIds> {
  let ids: IdsAnswer = { ...local, cookies: 'page' };
  try {
    const response = await fetch(endpoint + 'api/ids', { method: 'POST', credentials: 'include', body: JSON.stringify(local) });
    if (response.ok) ids = (await response.json()) as IdsAnswer;
  } catch {
    // blocked or offline: the page's own values stand
  }
  if (ids.cookies !== 'server') {
    if (ids.fbc && ids.fbc !== readCookie('_fbc')) writeCookie('_fbc', ids.fbc);
    if (ids.fbp && ids.fbp !== readCookie('_fbp')) writeCookie('_fbp', ids.fbp);
  }
  return { fbc: ids.fbc, fbp: ids.fbp };
}
