import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Readable } from 'node:stream';

/**
 * A node request as the web `Request` Vercel hands a function. The client IP
 * comes from the socket and overwrites any X-Forwarded-For the client sent,
 * as Vercel does (docs/platform.md §1.7) — unless `trustProxy` reverse-proxy
 * hops sit in front (TRUST_PROXY): then the client is that many hops left of
 * the socket in X-Forwarded-For (clientIpBehind).
 */
export function toWebRequest(req: IncomingMessage, origin: string, trustProxy = 0): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const socketIp = (req.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const forwarded = headers.get('x-forwarded-for');
  const ip = trustProxy > 0 ? clientIpBehind(forwarded, socketIp, trustProxy) : socketIp;
  headers.set('x-forwarded-for', ip);
  headers.set('x-real-ip', ip);
  headers.set('x-vercel-forwarded-for', ip);
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * The client address behind `hops` trusted proxies: the chain is X-Forwarded-For
 * plus the socket (the nearest proxy); each trusted hop appended one entry, so
 * the client is `hops` entries left of the end. Entries further left were sent
 * by the client and are never believed; a chain shorter than that gives its
 * first entry (fewer proxies than configured).
 */
export function clientIpBehind(forwarded: string | null, socketIp: string, hops: number): string {
  const chain = [...(forwarded ?? '').split(',').map((s) => s.trim()).filter(Boolean), socketIp];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}

/** Write a web `Response` to a node response, keeping every Set-Cookie. */
export async function sendWebResponse(response: Response, res: ServerResponse, isHead = false): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const body = isHead || response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * A node server that hands each request to `answer` as a web `Request`, the
 * way Vercel calls a function, over HTTPS when given a key and certificate.
 * A Host that makes no URL gets 400 before anything else runs; an `answer`
 * that throws is a 500 logging the error's name only (messages may carry data).
 */
export function createWebServer(answer: (request: Request) => Promise<Response>, tls?: { key: string; cert: string }, trustProxy = 0): Server {
  const scheme = tls ? 'https' : 'http';
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    let request: Request;
    try {
      request = toWebRequest(req, `${scheme}://${req.headers.host ?? 'localhost'}`, trustProxy);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad_request', message: 'malformed Host header' }));
      return;
    }
    void answer(request)
      .catch((error: unknown) => {
        console.error('[capi-relay] local server error:', error instanceof Error ? error.name : 'unknown');
        return new Response(JSON.stringify({ error: 'internal_error' }), { status: 500, headers: { 'content-type': 'application/json' } });
      })
      .then((response) => sendWebResponse(response, res, req.method === 'HEAD'));
  };
  return tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
}
