import { boundedMemo } from './bounded-memo.js';

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
// Bounded in entries and in key length, so odd URLs cannot grow it.

/** The parts of `url` as WHATWG `new URL(url)` reads them, or null when it does not parse. */
export const pageUrlParts: (url: string) => PageUrlParts | null = boundedMemo(parse, { maxEntries: 256, maxKeyChars: 2048 });

function parse(url: string): PageUrlParts | null {
  try {
    const u = new URL(url);
    // frozen: the cached object is shared by every caller
    return Object.freeze({ protocol: u.protocol, host: u.host, origin: u.origin, pathname: u.pathname });
  } catch {
    return null;
  }
}
