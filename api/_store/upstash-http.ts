import http from 'node:http';
import https from 'node:https';
import { errors, type Requester, type UpstashRequest, type UpstashResponse } from '@upstash/redis';

// One kept-alive pool per process, shared by every client (the event store, the consent proof
// store and the rate limiter each have one): a cold instance makes one TLS handshake to Upstash,
// not one per client, and a warm one reuses its connections, as fetch's global pool did.
const AGENTS = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * Upstash's REST API over node:http(s), for @upstash/redis in place of its fetch-based client.
 *
 * Why: a process's first `fetch` loads undici's HTTP client and compiles its WebAssembly HTTP
 * parser, ~45 ms of CPU that every cold instance of a deployment with Upstash paid on its first
 * store call (node:http's parser is native: ~10 ms for the same first request; docs/platform.md
 * §1.13). The REST contract is the client's own (docs/platform.md §4.2): one POST of the JSON
 * command to the base URL (or `/pipeline`), `Authorization: Bearer <token>`, an answer of
 * `{result}` or, for a pipeline, `[{result}|{error}]`; a status other than 2xx carries
 * `{error}` and throws UpstashError, so the store tells an answered error from an unreachable
 * store by the error's name as before. Results come back as JSON text (no base64 encoding):
 * everything the relay stores is UTF-8 text or a number. The read-your-writes token is passed
 * on as the client does.
 */
export function nodeHttpRequester(config: { url: string; token: string; timeoutMs: number }): Requester {
  const base = new URL(config.url);
  const secure = base.protocol === 'https:';
  const client = secure ? https : http;
  const agent = secure ? AGENTS.https : AGENTS.http;
  const basePath = base.pathname.replace(/\/+$/, '');
  const requester: Requester = {
    readYourWrites: true,
    upstashSyncToken: '',
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${config.token}`, ...req.headers };
      if (requester.readYourWrites) headers['upstash-sync-token'] = requester.upstashSyncToken ?? '';
      const path = req.path?.length ? `${basePath}/${req.path.join('/')}` : basePath || '/';
      const answer = await post(client, agent, { hostname: base.hostname, port: base.port, path, headers }, JSON.stringify(req.body), config.timeoutMs);
      let body: unknown;
      try {
        body = JSON.parse(answer.text);
      } catch (cause) {
        throw new errors.UpstashJSONParseError(answer.text, { cause });
      }
      if (answer.status < 200 || answer.status >= 300) {
        throw new errors.UpstashError(String((body as { error?: unknown } | null)?.error ?? `status ${answer.status}`));
      }
      if (requester.readYourWrites) requester.upstashSyncToken = answer.syncToken;
      return body as UpstashResponse<TResult>;
    },
  };
  return requester;
}

interface Answer {
  status: number;
  text: string;
  syncToken: string;
}

/** One POST; rejects on a network error or after `timeoutMs` (a TimeoutError, which the store counts as unreachable). */
function post(client: typeof http | typeof https, agent: http.Agent, target: { hostname: string; port: string; path: string; headers: Record<string, string> }, body: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const req = client.request(
      { method: 'POST', hostname: target.hostname, port: target.port || undefined, path: target.path, agent, headers: { ...target.headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          const token = res.headers['upstash-sync-token'];
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), syncToken: typeof token === 'string' ? token : '' });
        });
      },
    );
    timer = setTimeout(() => req.destroy(Object.assign(new Error(`Upstash call timed out after ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    req.on('error', fail);
    req.end(body);
  });
}
