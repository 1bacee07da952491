/**
 * One ALLOWED_ORIGINS entry, checked at startup. CORS compares the request's
 * `Origin` header with the list as plain strings (_http/cors.ts), and browsers send
 * an origin as `scheme://host[:port]` only, lowercase, without a default port
 * (RFC 6454 §6.1). An entry of any other shape would start fine and then
 * refuse every event, so each such entry stops startup with what is wrong.
 */
export type AllowedOriginCheck = { ok: true; origin: string } | { ok: false; problem: string };

/** Entries are echoed so the operator can find them; an absurdly long one is cut. */
const MAX_ECHO_CHARS = 80;

/**
 * The origin an entry names, or the problem with it. A single trailing slash
 * (`https://www.example.com/`, as copied from an address bar) is dropped: it
 * names no path. Any other path, a query, a fragment, a wildcard or a scheme
 * other than http(s) is refused. Origins are not secret and are echoed,
 * except an entry with `user:password@`, which may hold one.
 */
export function checkAllowedOrigin(entry: string): AllowedOriginCheck {
  const shown = JSON.stringify(entry.length > MAX_ECHO_CHARS ? `${entry.slice(0, MAX_ECHO_CHARS)}…` : entry);
  if (entry.includes('*')) {
    return { ok: false, problem: `entry ${shown} has a wildcard: list every origin exactly (https://www.example.com,https://example.com)` };
  }
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { ok: false, problem: `entry ${shown} is not an origin like https://www.example.com` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: 'an entry holds user:password@ credentials: an origin is scheme://host[:port] only' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: `entry ${shown} has the scheme ${url.protocol.slice(0, -1)}: only http and https pages can post events` };
  }
  if (entry.includes('?')) return { ok: false, problem: `entry ${shown} has a query (?…): an origin is scheme://host[:port] only` };
  if (entry.includes('#')) return { ok: false, problem: `entry ${shown} has a fragment (#…): an origin is scheme://host[:port] only` };
  if (url.pathname !== '/') return { ok: false, problem: `entry ${shown} has a path (${url.pathname}): an origin is scheme://host[:port] only` };
  const written = entry.endsWith('/') ? entry.slice(0, -1) : entry;
  if (written !== url.origin) {
    // Upper case, a default port (:443), an IDN in Unicode: never what a browser sends.
    return { ok: false, problem: `entry ${shown} is not written as browsers send it: write ${url.origin}` };
  }
  return { ok: true, origin: url.origin };
}
