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

/** Query parameters an audit record keeps: campaign names, never a person (docs/consent.md §6.4). */
const MARKETING_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id'];
/** Longest path and parameter value kept, so a record stays a small fixed size. */
const MAX_AUDIT_PATH_CHARS = 512;
const MAX_AUDIT_PARAM_CHARS = 100;

/**
 * The page as the audit record keeps it: origin + path (cut at 512 characters)
 * plus the utm_* parameters. Other parameters and the fragment are dropped:
 * some sites put the visitor's e-mail or phone there (`?email=…`). Remembered
 * like pageUrlParts: a `new URL()` and a URLSearchParams per event were ~0.9%
 * of the ingest path's CPU (scripts/bench/ingest.ts). The result is a string,
 * so sharing it is safe; the key bound keeps odd URLs out of the cache.
 */
export const auditPageUrl: (url: string) => string = boundedMemo(auditForm, { maxEntries: 256, maxKeyChars: 2048 });

function auditForm(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(invalid url)';
  }
  const kept = new URLSearchParams();
  for (const name of MARKETING_PARAMS) {
    const value = u.searchParams.get(name);
    if (value) kept.set(name, value.slice(0, MAX_AUDIT_PARAM_CHARS));
  }
  const query = kept.size ? `?${kept}` : '';
  return `${u.origin}${u.pathname.slice(0, MAX_AUDIT_PATH_CHARS)}${query}`;
}
