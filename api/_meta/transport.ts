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
    const target = targetFor(url);
    let timer: NodeJS.Timeout | undefined;
    const req = target.client.request(
      {
        ...target.options,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
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
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    // A plain timer rather than AbortSignal.timeout(): creating the signal took a bare keep-alive
    // POST from about 80 to 145 µs of CPU; this aborts the same way and names the error alike.
    timer = setTimeout(() => req.destroy(Object.assign(new Error(`timeout after ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    req.on('error', fail);
    req.end(body);
  });

interface Target {
  client: typeof http | typeof https;
  options: http.RequestOptions;
}

// A sender posts to one URL for the life of the process: parse it once, not per event.
let lastTarget: { url: string; target: Target } | undefined;

function targetFor(url: string): Target {
  if (lastTarget?.url === url) return lastTarget.target;
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:';
  const target: Target = {
    client: secure ? https : http,
    options: {
      protocol: parsed.protocol,
      hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port || undefined,
      path: `${parsed.pathname}${parsed.search}`,
      method: 'POST',
      agent: secure ? AGENTS['https:'] : AGENTS['http:'],
    },
  };
  lastTarget = { url, target };
  return target;
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
