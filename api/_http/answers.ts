/**
 * Response helpers: one function per status, one JSON error shape
 * (`{ error, message?, issues? }`) so every 4xx lists what was wrong.
 * CORS lives in cors.ts. The error shape is part of the wire contract
 * (_contract/wire.ts).
 */
import type { ErrorBody, Issue } from '../_contract/wire.js';

// API answers are per-visitor and must never be cached by a CDN or browser.
const BASE_HEADERS: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

/** A JSON response with `no-store`; extra headers win over the defaults. */
export function json(status: number, body: unknown, headers?: HeadersInit): Response {
  return new Response(JSON.stringify(body), { status, headers: withBaseHeaders(headers) });
}

// Every answer passes here. A plain record is merged as a record: building two Headers objects and
// copying one into the other cost ~4 µs per answer (scripts/bench/ingest.ts), and undici copies the
// init into its own Headers anyway, so handing it a shared record is safe. A frozen record (the
// per-origin CORS headers, cors.ts) cannot change, so its merge is made once and remembered.
const mergedFrozen = new WeakMap<object, Record<string, string>>();

function withBaseHeaders(headers: HeadersInit | undefined): HeadersInit {
  if (!headers) return BASE_HEADERS;
  if (Array.isArray(headers) || headers instanceof Headers) {
    const merged = new Headers(BASE_HEADERS);
    new Headers(headers).forEach((value, key) => merged.set(key, value));
    return merged;
  }
  const frozen = Object.isFrozen(headers);
  let merged = frozen ? mergedFrozen.get(headers) : undefined;
  if (merged) return merged;
  merged = { ...BASE_HEADERS };
  // Header names are case-insensitive: `Content-Type` must replace the default, not join it.
  for (const key in headers) merged[key.toLowerCase()] = (headers as Record<string, string>)[key]!;
  if (frozen) mergedFrozen.set(headers, Object.freeze(merged));
  return merged;
}

/** 200 with a JSON body. */
export function ok(body: unknown, headers?: HeadersInit): Response {
  return json(200, body, headers);
}

/** 204 with no body (preflights). */
export function noContent(headers?: HeadersInit): Response {
  return new Response(null, { status: 204, headers });
}

/** A 4xx/5xx with the shared error shape. */
export function errorResponse(status: number, body: ErrorBody, headers?: HeadersInit): Response {
  return json(status, body, headers);
}

/** 400: malformed or invalid input; `issues` names each bad field. */
export function badRequest(error: string, issues?: Issue[], message?: string): Response {
  return errorResponse(400, { error, ...(message ? { message } : {}), ...(issues ? { issues } : {}) });
}

/** 401: missing or wrong credentials (admin/cron bearer tokens). */
export function unauthorized(message = 'a valid bearer token is required'): Response {
  return errorResponse(401, { error: 'unauthorized', message }, { 'www-authenticate': 'Bearer' });
}

/** 403: the request is understood but refused (e.g. an origin not on the allow-list). */
export function forbidden(error: string, message?: string): Response {
  return errorResponse(403, { error, ...(message ? { message } : {}) });
}

/** 404: no such route or record. */
export function notFound(message = 'not found'): Response {
  return errorResponse(404, { error: 'not_found', message });
}

/** 405 with the `Allow` header RFC 9110 §15.5.6 requires. */
export function methodNotAllowed(allowed: readonly string[]): Response {
  return errorResponse(
    405,
    { error: 'method_not_allowed', message: `use ${allowed.join(', ')}` },
    { allow: allowed.join(', ') },
  );
}

/** 413: the body is larger than `limitBytes`. */
export function payloadTooLarge(limitBytes: number): Response {
  return errorResponse(413, { error: 'payload_too_large', message: `body must be at most ${limitBytes} bytes` });
}

/** 415: a content type the endpoint does not read. */
export function unsupportedMediaType(accepted: readonly string[]): Response {
  return errorResponse(415, { error: 'unsupported_media_type', message: `send ${accepted.join(' or ')}` });
}

/**
 * 503 with Retry-After: a dependency (the store) is down and the request was
 * NOT acknowledged, so the client may safely retry later.
 */
export function serviceUnavailable(retryAfterSec: number, error = 'store_unavailable'): Response {
  return errorResponse(
    503,
    { error, message: 'temporarily unavailable; retry later' },
    { 'retry-after': String(Math.max(1, Math.round(retryAfterSec))) },
  );
}

/** 429 with Retry-After: a rate limit (`limit` names which) refused the request; nothing was stored. */
export function tooManyRequests(retryAfterSec: number, limit: string): Response {
  return errorResponse(
    429,
    { error: 'rate_limited', message: `too many requests (${limit} limit); retry later` },
    { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSec))) },
  );
}

/** Copy a response with extra headers set (Response headers may be immutable). */
export function withHeaders(response: Response, headers: HeadersInit): Response {
  const merged = new Headers(response.headers);
  new Headers(headers).forEach((value, key) => merged.set(key, value));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}
