import http from 'node:http';
import https from 'node:https';

/** The raw answer of one POST; `status` null never appears here (errors reject). */
export interface TransportAnswer {
  status: number;
  retryAfter: string | null;
  /** parsed JSON, or undefined when the body was not JSON */
  body: unknown;
}

/** POST a JSON string; rejects on network error or when `timeoutMs` passes. */
export type GraphTransport = (url: string, body: string, timeoutMs: number) => Promise<TransportAnswer>;

// One kept-alive connection pool per process: a warm function reuses its TLS session to Meta,
// and node:http costs about a third of fetch per call (measured in scripts/bench/ingest.ts).
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** The default transport: node:http(s) with keep-alive agents. */
export const nodeTransport: GraphTransport = (url, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const agent = target.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'];
    const req = client.request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            parsed = undefined;
          }
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });

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
