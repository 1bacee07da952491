import { asAlreadyHashed, prepareInput } from './text.js';

// `\s` already holds every Unicode space separator (\p{Zs}) and the line and paragraph
// separators (\p{Zl}, \p{Zp}), so `[\s\p{Z}]` is `\s`: written without Unicode property
// classes, no character sets are built for it (external-id.test.ts checks every code point).
const WHITESPACE = /\s+/g;

/**
 * `external_id`: lowercase, every whitespace removed, then hashed like the
 * other keys. The browser side must apply the same steps or the ids never
 * match (docs/meta-capi.md §3, §3.2).
 */
export function normalizeExternalId(raw: unknown): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const id = value.toLowerCase().replace(WHITESPACE, '');
  return id === '' ? undefined : id;
}
