/** The parts of a page URL the pipeline reads; never the query or fragment. */
export interface PageUrlParts {
  /** `https:` or `http:` or any other scheme, with the colon */
  protocol: string;
  /** host[:port] */
  host: string;
  /** scheme://host[:port] */
  origin: string;
  pathname: string;
}

// One event's page URL is read three times (validation, dedup key, log line), and a site's
// events come from a handful of pages: parsing each string once saves two `new URL()` per event.
// First in, first out, bounded in entries and in length, so odd URLs cannot grow it.
const MAX_CACHED_URLS = 256;
const MAX_CACHED_URL_CHARS = 2048;
const cache = new Map<string, PageUrlParts | null>();

/** The parts of `url` as WHATWG `new URL(url)` reads them, or null when it does not parse. */
export function pageUrlParts(url: string): PageUrlParts | null {
  const known = cache.get(url);
  if (known !== undefined) return known;
  const parts = parse(url);
  if (url.length <= MAX_CACHED_URL_CHARS) {
    if (cache.size >= MAX_CACHED_URLS) cache.delete(cache.keys().next().value!);
    cache.set(url, parts);
  }
  return parts;
}

function parse(url: string): PageUrlParts | null {
  try {
    const u = new URL(url);
    // frozen: the cached object is shared by every caller
    return Object.freeze({ protocol: u.protocol, host: u.host, origin: u.origin, pathname: u.pathname });
  } catch {
    return null;
  }
}
