// capi-relay path proxy for a site behind Cloudflare: https://www.example.com/t/* → https://t.example.com/*
//
// Why: a path on the site's own host keeps the relay's cookies first-party and long-lived in
// Safari (README "Domain guide"). Set up, in the Cloudflare dashboard:
//   1. Workers & Pages → Create → Worker; paste this file.
//   2. Settings → Variables: RELAY_ORIGIN = https://t.example.com (the relay's production custom
//      domain, never a *.vercel.app URL) and a *secret* PROXY_SECRET = the same value as the
//      relay's PROXY_SECRET in Vercel.
//   3. Settings → Triggers → Routes: www.example.com/t/* (the zone must be proxied, orange cloud).
// Then load the tag from https://www.example.com/t/w.js.
//
// Header contract (docs/platform.md §1.11): the relay believes x-relay-client-* only next to the
// right x-relay-proxy-secret, so a visitor's own x-relay-* headers are always replaced here.

const PREFIX = '/t/';

export default {
  /**
   * @param {Request & { cf?: { country?: string, regionCode?: string } }} request
   * @param {{ RELAY_ORIGIN?: string, PROXY_SECRET?: string }} env
   */
  async fetch(request, env) {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(PREFIX)) return new Response('not found', { status: 404 });
    if (!env.RELAY_ORIGIN || !env.PROXY_SECRET) return new Response('proxy not configured: set RELAY_ORIGIN and PROXY_SECRET', { status: 500 });

    const target = new URL(url.pathname.slice(PREFIX.length - 1) + url.search, env.RELAY_ORIGIN);
    const headers = new Headers(request.headers);
    for (const name of [...headers.keys()]) if (name.startsWith('x-relay-')) headers.delete(name);
    // The relay's host comes from RELAY_ORIGIN: the site's Host would not reach the Vercel project.
    headers.delete('host');
    headers.set('x-relay-proxy-secret', env.PROXY_SECRET);
    const ip = request.headers.get('cf-connecting-ip');
    if (ip) headers.set('x-relay-client-ip', ip);
    if (request.cf?.country) headers.set('x-relay-client-country', request.cf.country);
    if (request.cf?.regionCode) headers.set('x-relay-client-region', request.cf.regionCode);

    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    // Cookies, Origin, User-Agent and Sec-GPC pass as they came; Set-Cookie comes back untouched.
    return fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
    });
  },
};
