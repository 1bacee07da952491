import { post, postTargetOf, type PostTarget } from '../_net/post.js';

/** The raw answer of one POST; `status` null never appears here (errors reject). */
export interface TransportAnswer {
  status: number;
  retryAfter: string | null;
  /** parsed JSON, or undefined when the body was not JSON */
  body: unknown;
}

/** POST a JSON string; rejects on network error or when `timeoutMs` passes. */
export type GraphTransport = (url: string, body: string, timeoutMs: number) => Promise<TransportAnswer>;

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The default transport: node:http(s) through the process's kept-alive pools (_net/post.ts). */
export const nodeTransport: GraphTransport = async (url, body, timeoutMs) => {
  const answer = await post(targetFor(url), JSON_HEADERS, body, timeoutMs);
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const retryAfter = answer.headers['retry-after'];
  return { status: answer.status, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, body: parsed };
};

// A sender posts to one URL for the life of the process: parse it once, not per event.
let lastTarget: { url: string; target: PostTarget } | undefined;

function targetFor(url: string): PostTarget {
  if (lastTarget?.url !== url) lastTarget = { url, target: postTargetOf(new URL(url)) };
  return lastTarget.target;
}

/** A transport over any `fetch` (for runtimes without node:http, or for tests). */
export function fetchTransport(doFetch: typeof fetch = fetch): GraphTransport {
  return async (url, body, timeoutMs) => {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json().catch(() => undefined) };
  };
}
