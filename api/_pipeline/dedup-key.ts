import { sha256Hex } from './hash.js';
import { pageUrlParts } from './page-url.js';
import type { NormalizedFields } from './normalize/index.js';
import type { EventInput } from './validate.js';

/**
 * Second idempotency key (_store/store.ts ClaimInput.dedupKey): same form + same normalized
 * email (else phone). Hashed, so the key itself holds no PII.
 */
export function dedupKeyFor(event: Pick<EventInput, 'source' | 'event_source_url'>, normalized: NormalizedFields): string | undefined {
  const contact = normalized.em ? `em|${normalized.em}` : normalized.ph ? `ph|${normalized.ph}` : undefined;
  if (!contact) return undefined;
  return sha256Hex(`${event.source?.form ?? pageWithoutQuery(event.event_source_url)}|${contact}`);
}

function pageWithoutQuery(url: string): string {
  const u = pageUrlParts(url);
  // validation admitted only absolute http(s) URLs; the throw keeps the old `new URL` contract
  if (!u) throw new TypeError('Invalid URL');
  return `${u.origin}${u.pathname}`;
}
