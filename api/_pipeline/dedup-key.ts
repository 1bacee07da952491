import { sha256Hex } from './hash.js';
import { pageUrlParts } from './page-url.js';
import type { NormalizedFields } from './normalize/index.js';
import type { EventInput } from './validate.js';

/**
 * Second idempotency key (_store/store.ts ClaimInput.dedupKey): same browser + same form + same
 * normalized email (else phone). Hashed, so the key itself holds no PII.
 *
 * `browser` is the visitor's `_fbp` (else the widget's consent id): the retries this key collapses
 * come from the same browser, and keyed without it the key was an oracle — anyone could post a
 * victim's e-mail and read `duplicate: true` when the victim had submitted in the last 10 minutes,
 * or post it first and have the victim's real lead answered as a duplicate and never sent. Without
 * a browser id there is no second key (the event_id still makes replays safe).
 */
export function dedupKeyFor(event: Pick<EventInput, 'source' | 'event_source_url'>, normalized: NormalizedFields, browser: string | undefined): string | undefined {
  const contact = normalized.em ? `em|${normalized.em}` : normalized.ph ? `ph|${normalized.ph}` : undefined;
  if (!contact || !browser) return undefined;
  return sha256Hex(`${browser}|${event.source?.form ?? pageWithoutQuery(event.event_source_url)}|${contact}`);
}

function pageWithoutQuery(url: string): string {
  const u = pageUrlParts(url);
  // validation admitted only absolute http(s) URLs; the throw keeps the old `new URL` contract
  if (!u) throw new TypeError('Invalid URL');
  return `${u.origin}${u.pathname}`;
}
