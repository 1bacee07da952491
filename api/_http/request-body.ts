import { badRequest, payloadTooLarge, unsupportedMediaType } from './answers.js';

/** Largest event body accepted; the widget sends a few KB (keepalive caps all in-flight bodies at 64 KiB, docs/platform.md §3.1). */
export const MAX_BODY_BYTES = 64 * 1024;

/** JSON arrives as application/json (fetch) or text/plain (sendBeacon / CORS-safelisted fetch, docs/platform.md §3.2). */
const ACCEPTED_TYPES = ['application/json', 'text/plain'] as const;

// One decoder for every request: decode() without `stream` keeps no state between calls.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

// Browsers send a handful of exact Content-Type strings; the verdict per string is remembered
// (bounded, so a client cycling through made-up values cannot grow it).
const contentTypeVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED_CONTENT_TYPES = 64;

/** True for application/json or text/plain, with no parameter other than a UTF-8 charset. */
export function isAcceptedContentType(header: string | null): boolean {
  if (!header) return false;
  let verdict = contentTypeVerdicts.get(header);
  if (verdict === undefined) {
    verdict = parseContentType(header);
    if (contentTypeVerdicts.size >= MAX_REMEMBERED_CONTENT_TYPES) contentTypeVerdicts.clear();
    contentTypeVerdicts.set(header, verdict);
  }
  return verdict;
}

function parseContentType(header: string): boolean {
  const [type = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (!(ACCEPTED_TYPES as readonly string[]).includes(type)) return false;
  return params.every((param) => param === '' || /^charset="?utf-8"?$/.test(param));
}

/**
 * Read at most `limit` bytes of a JSON body. Content-Length is checked first
 * but never trusted: the stream is counted as it is read and abandoned as soon
 * as it passes the limit, so a lying or chunked request cannot make us buffer more.
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  if (!isAcceptedContentType(request.headers.get('content-type'))) {
    return { ok: false, response: unsupportedMediaType(ACCEPTED_TYPES) };
  }
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return { ok: false, response: payloadTooLarge(limit) };

  const bytes = await readLimited(request, limit);
  if (bytes === 'too_large') return { ok: false, response: payloadTooLarge(limit) };

  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, response: badRequest('malformed_body', undefined, 'body is not valid UTF-8') };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // The parser's message can quote the body, so it is not echoed.
    return { ok: false, response: badRequest('malformed_json', undefined, 'body is not valid JSON') };
  }
}

/**
 * The raw body as text, at most `limit` bytes (counted as read, like readJsonBody), for a
 * signature over the exact body (webhooks). Bytes that are not UTF-8 become U+FFFD, so such a
 * body can never match an HMAC computed over the bytes sent: it reads as forged, not as a 400.
 */
export async function readRawText(request: Request, limit: number): Promise<string | 'too_large'> {
  const bytes = await readLimited(request, limit);
  return bytes === 'too_large' ? bytes : new TextDecoder('utf-8').decode(bytes);
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array | 'too_large'> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too_large';
    }
    chunks.push(value);
  }
  // A small body usually arrives as one chunk: use it as is rather than copying it.
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
