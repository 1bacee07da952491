import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversionRecord } from '../../api/_contract/records.js';
import { PROXY_HEADERS } from '../../api/_http/request-context.js';
import { startDevServer, type DevServer } from '../../scripts/dev-server.js';

// The path-proxy recipes of README "Domain guide" against the relay's header contract
// (docs/platform.md §1.11): the Cloudflare Worker runs for real in front of the local server;
// nginx and Apache are config text checked for the same contract.
const ROOT = resolve(import.meta.dirname, '../..');
const RECIPES = join(ROOT, 'recipes/proxy');
const SECRET = 'proxy-secret-for-tests-0123456789';
const SITE = 'https://www.example.test';
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

type CfRequest = Request & { cf?: { country?: string; regionCode?: string } };
interface Worker {
  fetch(request: CfRequest, env: { RELAY_ORIGIN?: string; PROXY_SECRET?: string }): Promise<Response>;
}

let dev: DevServer;
let worker: Worker;

beforeAll(async () => {
  dev = await startDevServer({ env: { PROXY_SECRET: SECRET, ALLOWED_ORIGINS: SITE }, port: 0 });
  worker = ((await import(pathToFileURL(join(RECIPES, 'cloudflare-worker.js')).href)) as { default: Worker }).default;
});
afterAll(() => dev.close());

/** A visitor's request as Cloudflare hands it to the Worker on www.example.test/t/*. */
function visitorRequest(path: string, init: RequestInit & { cf?: CfRequest['cf'] } = {}): CfRequest {
  const { cf, ...rest } = init;
  return Object.assign(new Request(`${SITE}/t${path}`, rest), { cf });
}

const throughWorker = (request: CfRequest, secret = SECRET) => worker.fetch(request, { RELAY_ORIGIN: dev.url, PROXY_SECRET: secret });

describe('Cloudflare Worker recipe (real Request/Response, real relay behind it)', () => {
  it('passes the visitor’s country and region, and the relay believes them', async () => {
    const res = await throughWorker(visitorRequest('/api/config', { headers: { origin: SITE }, cf: { country: 'DE', regionCode: 'BE' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(await res.json()).toEqual({ country: 'DE', region: 'BE', optIn: true });
  });

  it('replaces the visitor’s own x-relay-* headers: a forged country is never believed', async () => {
    const res = await throughWorker(visitorRequest('/api/config', { headers: { origin: SITE, 'x-relay-client-country': 'US', 'x-relay-proxy-secret': 'guess' } }));
    expect(await res.json()).toEqual({ country: null, region: null, optIn: true });
  });

  it('gets the visitor’s IP (not the proxy’s, not a forged one) into the event sent to Meta', async () => {
    const eventId = crypto.randomUUID();
    const res = await throughWorker(
      visitorRequest('/api/event', {
        method: 'POST',
        headers: { origin: SITE, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA, 'cf-connecting-ip': '198.51.100.23', 'x-relay-client-ip': '6.6.6.6' },
        body: JSON.stringify({ event_id: eventId, event_source_url: `${SITE}/contact`, user: { email: 'proxy-recipe@example.com' }, consent: { ads: 'granted', gpc: false } }),
        cf: { country: 'US', regionCode: 'TX' },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ event_id: eventId, status: 'sent' });
    const { events } = (await (await fetch(`${dev.url}/dev/events`)).json()) as { events: ConversionRecord[] };
    const mine = events.find((r) => r.event_id === eventId);
    expect(mine?.payload?.user_data.client_ip_address).toBe('198.51.100.23');
    expect(mine?.payload?.user_data.client_user_agent).toBe(UA);
  });

  it('with a secret the relay does not share, the relay uses neither the proxy’s nor the visitor’s claims', async () => {
    const res = await throughWorker(visitorRequest('/api/config', { headers: { origin: SITE }, cf: { country: 'US' } }), 'a-different-secret-0123456789');
    expect(await res.json()).toEqual({ country: null, region: null, optIn: true });
  });

  it('sends the relay the contract’s headers and not the site’s Host (what it hands fetch)', async () => {
    const seen: Request[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    try {
      const incoming = visitorRequest('/api/ids?x=1', {
        method: 'POST',
        headers: { host: 'www.example.test', origin: SITE, cookie: '_fbp=fb.1.1.2', 'cf-connecting-ip': '198.51.100.9', 'x-relay-client-region': 'XX' },
        body: '{}',
        cf: { country: 'FR' },
      });
      await worker.fetch(incoming, { RELAY_ORIGIN: 'https://t.example.test', PROXY_SECRET: SECRET });
    } finally {
      globalThis.fetch = realFetch;
    }
    const [out] = seen;
    expect(out!.url).toBe('https://t.example.test/api/ids?x=1');
    expect(out!.method).toBe('POST');
    expect(await out!.text()).toBe('{}');
    expect(out!.headers.get('host')).toBeNull();
    expect(Object.fromEntries([...out!.headers].filter(([k]) => k.startsWith('x-relay-')))).toEqual({
      [PROXY_HEADERS.secret]: SECRET,
      [PROXY_HEADERS.clientIp]: '198.51.100.9',
      [PROXY_HEADERS.country]: 'FR',
    });
    expect(out!.headers.get('cookie')).toBe('_fbp=fb.1.1.2');
    expect(out!.headers.get('origin')).toBe(SITE);
  });

  it('answers only its own path prefix and says when it is not configured', async () => {
    expect((await throughWorker(Object.assign(new Request(`${SITE}/other/w.js`), {}))).status).toBe(404);
    const unconfigured = await worker.fetch(visitorRequest('/api/config'), {});
    expect(unconfigured.status).toBe(500);
    expect(await unconfigured.text()).toMatch(/RELAY_ORIGIN and PROXY_SECRET/);
  });
});

/** Problems of an nginx recipe against the contract; [] when it holds. */
export function nginxProblems(text: string): string[] {
  const problems: string[] = [];
  const block = /location\s+\/t\/\s*\{([\s\S]*?)\n\}/.exec(text)?.[1];
  if (!block) return ['no `location /t/ { … }` block'];
  const directive = (re: RegExp) => re.test(block);
  const upstream = /proxy_pass\s+https:\/\/(t\.[a-z0-9.-]+)\/;/.exec(block)?.[1];
  if (!upstream) problems.push('proxy_pass must target https://t.<site>/ with a trailing slash (strips /t/)');
  if (upstream && !directive(new RegExp(`proxy_set_header\\s+Host\\s+${upstream.replace(/\./g, '\\.')};`))) problems.push('Host must be the relay’s custom domain');
  if (!directive(/proxy_ssl_server_name\s+on;/)) problems.push('SNI to the upstream (proxy_ssl_server_name on)');
  if (!directive(new RegExp(`proxy_set_header\\s+${PROXY_HEADERS.secret}\\s+"[^"]+";`, 'i'))) problems.push(`${PROXY_HEADERS.secret} not set`);
  if (!directive(new RegExp(`proxy_set_header\\s+${PROXY_HEADERS.clientIp}\\s+\\$remote_addr;`, 'i'))) problems.push(`${PROXY_HEADERS.clientIp} must be $remote_addr`);
  for (const name of [PROXY_HEADERS.country, PROXY_HEADERS.region]) {
    if (!directive(new RegExp(`proxy_set_header\\s+${name}\\s+("";|\\$\\w+;)`, 'i'))) problems.push(`${name} must be overwritten (or cleared with "")`);
  }
  return problems;
}

/** Problems of an Apache .htaccess recipe against the contract; [] when it holds. */
export function apacheProblems(text: string): string[] {
  const problems: string[] = [];
  const upstream = /^RewriteRule\s+\^t\/\(\.\*\)\$\s+https:\/\/(t\.[a-z0-9.-]+)\/\$1\s+\[P,L\]$/m.exec(text)?.[1];
  if (!upstream) problems.push('RewriteRule ^t/(.*)$ https://t.<site>/$1 [P,L] missing');
  if (/ProxyPreserveHost\s+On/i.test(text)) problems.push('ProxyPreserveHost On would send the site’s Host to the relay');
  if (!new RegExp(`RequestHeader\\s+set\\s+${PROXY_HEADERS.secret}\\s+"[^"]+"`, 'i').test(text)) problems.push(`${PROXY_HEADERS.secret} not set`);
  if (!new RegExp(`RequestHeader\\s+set\\s+${PROXY_HEADERS.clientIp}\\s+"expr=%\\{REMOTE_ADDR\\}"`, 'i').test(text)) problems.push(`${PROXY_HEADERS.clientIp} must be the remote address`);
  for (const name of [PROXY_HEADERS.country, PROXY_HEADERS.region]) {
    if (!new RegExp(`RequestHeader\\s+(unset\\s+${name}|set\\s+${name}\\s)`, 'i').test(text)) problems.push(`${name} must be removed or overwritten`);
  }
  return problems;
}

describe('nginx and Apache recipes (config text against the same contract)', () => {
  const nginx = readFileSync(join(RECIPES, 'nginx.conf'), 'utf8');
  const apache = readFileSync(join(RECIPES, 'apache.htaccess'), 'utf8');

  it('nginx forwards /t/ to the relay’s custom domain with the contract’s headers', () => {
    expect(nginxProblems(nginx)).toEqual([]);
  });

  it('Apache forwards /t/ to the relay’s custom domain with the contract’s headers', () => {
    expect(apacheProblems(apache)).toEqual([]);
  });

  it('the checks catch a recipe that lets a visitor’s country through or targets a vercel.app URL', () => {
    expect(nginxProblems(nginx.replace(/.*X-Relay-Client-Country.*\n/, ''))).toEqual(['x-relay-client-country must be overwritten (or cleared with "")']);
    expect(nginxProblems(nginx.replace(/t\.example\.com\/;/, 'capi-relay.vercel.app/;'))[0]).toMatch(/proxy_pass must target/);
    expect(apacheProblems(apache.replace(/.*unset X-Relay-Client-Region\n/, ''))).toEqual(['x-relay-client-region must be removed or overwritten']);
  });

  it('every recipe uses the path prefix and relay host the README shows', () => {
    const worker = readFileSync(join(RECIPES, 'cloudflare-worker.js'), 'utf8');
    expect(worker).toContain("const PREFIX = '/t/';");
    expect(worker).toContain('RELAY_ORIGIN = https://t.example.com');
    for (const text of [nginx, apache]) expect(text).toContain('https://t.example.com/');
  });
});

describe('npm start behind your own reverse proxy (TRUST_PROXY)', () => {
  async function clientIpSeenWith(env: Record<string, string>): Promise<string | undefined> {
    const server = await startDevServer({ env, port: 0 });
    try {
      const eventId = crypto.randomUUID();
      // what one nginx in front would send: the visitor-forged entry, then the address it saw
      const res = await fetch(`${server.url}/api/event`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA, 'x-forwarded-for': '6.6.6.6, 198.51.100.44' },
        body: JSON.stringify({ event_id: eventId, event_source_url: `${server.url}/contact`, user: { email: 'trust-proxy@example.com' }, consent: { ads: 'granted', gpc: false } }),
      });
      expect(res.status).toBe(200);
      const record = await server.runtime.store.get(eventId);
      return record?.payload?.user_data.client_ip_address;
    } finally {
      await server.close();
    }
  }

  it('takes the client one hop left of the socket with TRUST_PROXY=1', async () => {
    expect(await clientIpSeenWith({ TRUST_PROXY: '1' })).toBe('198.51.100.44');
  });

  it('ignores X-Forwarded-For by default, as Vercel does (the socket is loopback: no IP)', async () => {
    expect(await clientIpSeenWith({})).toBeUndefined();
  });
});
