import https from 'node:https';
import http from 'node:http';

/**
 * `fetch` for Node tests that resolves every host name to 127.0.0.1 (as the
 * browser tests do with Chromium's host-resolver rules), so the relay is
 * reached as https://t.example.test:<port> and sees that Host, over real TLS
 * with the self-signed test certificate. Every Set-Cookie is kept.
 */
export function loopbackFetch(rewrite: (url: URL) => Response | undefined = () => undefined): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const stand = rewrite(url);
    if (stand) return stand;
    const headers = new Headers(init.headers);
    const body = init.body === undefined || init.body === null ? undefined : Buffer.from(await new Response(init.body).arrayBuffer());
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers),
          lookup: (_host, options, done) => (options.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)),
          rejectUnauthorized: false,
          signal: init.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const out = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined) continue;
              for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
            }
            const status = res.statusCode ?? 500;
            const noBody = status === 204 || status === 304 || init.method === 'HEAD';
            resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: out }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', (error) => reject(Object.assign(new TypeError('fetch failed'), { cause: error })));
      req.end(body);
    });
  }) as typeof fetch;
}
