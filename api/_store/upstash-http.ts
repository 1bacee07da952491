import { errors, type Requester, type UpstashRequest, type UpstashResponse } from '@upstash/redis';
import { post, postTargetOf } from '../_net/post.js';

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
  const basePath = base.pathname.replace(/\/+$/, '');
  const requester: Requester = {
    readYourWrites: true,
    upstashSyncToken: '',
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${config.token}`, ...req.headers };
      if (requester.readYourWrites) headers['upstash-sync-token'] = requester.upstashSyncToken ?? '';
      const path = req.path?.length ? `${basePath}/${req.path.join('/')}` : basePath || '/';
      // through the process's kept-alive pools (_net/post.ts): the event store, the consent proof store and
      // the rate limiter each have a client, and a cold instance still makes one TLS handshake to Upstash
      const answer = await post(postTargetOf(base, path), headers, JSON.stringify(req.body), config.timeoutMs);
      const text = answer.body.toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (cause) {
        throw new errors.UpstashJSONParseError(text, { cause });
      }
      if (answer.status < 200 || answer.status >= 300) {
        throw new errors.UpstashError(String((body as { error?: unknown } | null)?.error ?? `status ${answer.status}`));
      }
      const syncToken = answer.headers['upstash-sync-token'];
      if (requester.readYourWrites) requester.upstashSyncToken = typeof syncToken === 'string' ? syncToken : '';
      return body as UpstashResponse<TResult>;
    },
  };
  return requester;
}
