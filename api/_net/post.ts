import http from 'node:http';
import https from 'node:https';

/**
 * The relay's outbound POSTs (the Graph API, Upstash's REST API) over node:http(s), not fetch: a
 * process's first `fetch` loads undici's client and compiles its WebAssembly HTTP parser, ~45 ms
 * of a cold start, and node:http costs about a third of fetch per call (docs/platform.md §1.13).
 * One kept-alive pool per protocol per process, shared by every caller: a cold instance makes one
 * TLS handshake per host, not one per client, and a warm one reuses its connections.
 */
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** Where a POST goes: a URL parsed once, by callers that post to the same place for their life. */
export interface PostTarget {
  client: typeof http | typeof https;
  agent: http.Agent;
  hostname: string;
  port: string | undefined;
  path: string;
}

/** `url` as a target; `path` replaces its path and query (Upstash's `/pipeline`). */
export function postTargetOf(url: URL, path = `${url.pathname}${url.search}`): PostTarget {
  const secure = url.protocol === 'https:';
  return {
    client: secure ? https : http,
    agent: secure ? AGENTS['https:'] : AGENTS['http:'],
    // an IPv6 literal is bracketed in a URL, not in a hostname
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || undefined,
    path,
  };
}

/** The raw answer of one POST. */
export interface PostAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * POST `body` (content-length is set here); rejects on a network error, or with an error named
 * `TimeoutError` once `timeoutMs` pass. A plain timer rather than AbortSignal.timeout(): creating
 * the signal took a bare keep-alive POST from about 80 to 145 µs of CPU (scripts/bench/ingest.ts).
 */
export function post(target: PostTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const req = target.client.request(
      { method: 'POST', hostname: target.hostname, port: target.port, path: target.path, agent: target.agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
      },
    );
    timer = setTimeout(() => req.destroy(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    req.on('error', fail);
    req.end(body);
  });
}
