/**
 * Real-browser harness for the widget, the tool adapters and consent. It
 * builds nothing: run `npm run build:widget` first (scripts/test.sh does).
 *
 * What it runs, by default in the README's topology (see `HostLayout`):
 * - a PAGE server (HTTPS, the site): fixture pages from test/fixtures/forms/<dir>/<file> at
 *   /forms/<dir>/<file> (in .html files `{{form}}` becomes that folder's form.html, `{{widget}}` the snippet tag
 *   and `{{api}}` the API origin), pages registered with `h.page(path, html)`,
 *   every built file of public/ (/w.js, /banner.js), and form targets: POST /echo
 *   answers 200 `{"ok":true}`, POST /echo/fail 422, POST /redirect?to=<path>
 *   303 to <path>;
 * - the RELAY over HTTPS, with ALLOWED_ORIGINS = the page origin: by default
 *   scripts/dev-server.ts (every api/*.ts, the built w.js and its chunks,
 *   memory store, dry-run sender); with `relay: "vercel-output"` what
 *   `vercel build` produced, served as Vercel serves it
 *   (scripts/vercel-output/server.ts). The snippet tag loads w.js from it
 *   and names no data-endpoint, as the README's tag does;
 * - one Chromium per test file (playwright-core, Debian's binary) with
 *   `*.test` host names mapped to 127.0.0.1, certificate errors ignored (the
 *   certificate is self-signed, test/support/tls.ts), a desktop Chrome user
 *   agent (HeadlessChrome is rightly filtered as a bot), and Meta's
 *   fbevents.js replaced by a stub that records every fbq call in
 *   `window.__fbqCalls`.
 *
 * @example
 * const h = await startHarness();
 * h.page('/contact', `<form>…</form>${h.widgetTag({ 'data-pixel-id': '123456' })}`);
 * const w = await h.open('/contact');           // or h.open('/forms/cf7/success.html')
 * await w.page.fill('#email', CANARY.email); await w.page.click('button');
 * const [event] = await w.waitForEvents(1);     // bodies POSTed to /api/event
 * expect(await w.pixelEventIds()).toEqual([event.event_id]);
 * expect(await h.storedEvent(event.event_id)).not.toBeNull();
 * await h.close();
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadEnv } from '../../api/_config/env.js';
import type { EventLogEntry } from '../../api/_pipeline/log.js';
import { createStoreFromEnv } from '../../api/_config/stores.js';
import type { Store } from '../../api/_store/store.js';
import type { ConversionRecord } from '../../api/_contract/records.js';
import { startDevServer, type DevServer } from '../../scripts/dev-server.js';
import { serveVercelOutput } from '../../scripts/vercel-output/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import { testCertificate } from '../support/tls.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'test/fixtures/forms');
const PUBLIC = join(ROOT, 'public');
/** What `vercel build` writes (scripts/test.sh runs it before the suite). */
export const VERCEL_OUTPUT = join(ROOT, '.vercel/output');


/** Stand-in for connect.facebook.net/en_US/fbevents.js: replays the queue and records every call. */
const FBEVENTS_STUB = `(function () {
  var calls = (window.__fbqCalls = window.__fbqCalls || []);
  var fbq = window.fbq;
  function record(args) { calls.push(JSON.parse(JSON.stringify(Array.prototype.slice.call(args)))); }
  (fbq.queue || []).forEach(record);
  fbq.queue = [];
  fbq.callMethod = function () { record(arguments); };
})();`;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'application/javascript', '.json': 'application/json', '.css': 'text/css' };

/**
 * Where the site and the relay live (`startHarness({ hosts })`), all over HTTPS:
 * - "readme" (default): the README's deployment. Page https://www.example.test:<p1>,
 *   w.js and the API at https://t.example.test:<p2>; the relay sets the
 *   cookies on example.test;
 * - "proxy": the durable set-up the Safari limitation recommends. w.js and the
 *   API behind https://www.example.test:<p1>/t/, which the site's server
 *   forwards to the relay (Host kept, as `proxy_set_header Host $host` does);
 * - "cross-site": page https://www.example.test:<p1>, relay https://relay.test:<p2>
 *   (the relay cannot set the page's cookies; the widget writes them).
 */
export type HostLayout = 'readme' | 'proxy' | 'cross-site';

/** The path the "proxy" layout forwards to the relay. */
export const PROXY_PATH = '/t';

/** Pixel id every `{{widget}}` / widgetTag() carries unless overridden. */
export const TEST_PIXEL_ID = '1234567890';

export interface HarnessConfig {
  /** @default "readme" */
  hosts?: HostLayout;
  /** extra environment for the API (e.g. CONSENT_POLICY); ALLOWED_ORIGINS is set to the page origin */
  env?: Record<string, string>;
  /** data-* every snippet tag carries. @default { "data-pixel-id": TEST_PIXEL_ID } */
  widget?: Record<string, string>;
  /**
   * What answers as the relay: "dev", the local server on the sources; or
   * "vercel-output", the functions and static files of `.vercel/output`
   * (needs `vercel build` first, and a shared store in `env`: each function
   * of a deployment runs apart from the others).
   * @default "dev"
   */
  relay?: 'dev' | 'vercel-output';
}

export interface OpenConfig {
  /** send `Sec-GPC: 1` and expose `navigator.globalPrivacyControl === true` */
  gpc?: boolean;
  /** reuse a context (cookies, storage) instead of a fresh one */
  context?: BrowserContext;
  /**
   * Visitor country as Vercel's edge would report it (`x-vercel-ip-country`,
   * read by /api/config for the consent region). "US" needs no opt-in; use an
   * EU code to test the banner path; "" sends no country (treated as opt-in).
   * @default "US"
   */
  country?: string;
}

/** One page under test, with everything it sent. */
export interface WidgetPage {
  page: Page;
  context: BrowserContext;
  /** parsed JSON bodies POSTed to /api/send (= /api/event), in order, across navigations */
  events: Record<string, any>[];
  /** every request to the relay's API, path relative to the relay (`/api/event`) */
  apiCalls: { method: string; path: string; body: string | null }[];
  /** resolve once `n` events were sent (rejects after `timeoutMs`) */
  waitForEvents(n: number, timeoutMs?: number): Promise<Record<string, any>[]>;
  /** every fbq call the stub fbevents.js saw; waits up to 3 s for the Pixel library to load, [] if it never does */
  fbqCalls(): Promise<unknown[][]>;
  /** resolve once document.cookie shows `name` (e.g. `_fbp` after /api/ids answered) */
  waitForCookie(name: string, timeoutMs?: number): Promise<void>;
  /** eventIDs of `fbq('track', …, …, { eventID })` calls */
  pixelEventIds(): Promise<string[]>;
  /**
   * Resolve once the detection chunk wd.js (fetched on the first focus in a
   * form, widget/intent.ts) has arrived. A person types for seconds; a test
   * fills in milliseconds and would otherwise race the chunk against a tool's
   * success event, which wd.js cannot replay.
   */
  detectionLoaded(): Promise<void>;
}

export interface Harness {
  hosts: HostLayout;
  pageOrigin: string;
  /** where w.js and the API live, no trailing slash: an origin, or the page origin + PROXY_PATH */
  relayUrl: string;
  /** the dev relay, with its runtime; throws for the "vercel-output" relay, whose functions keep theirs to themselves */
  readonly api: DevServer;
  browser: Browser;
  /** Serve `html` at `path` on the page origin (wins over fixture files); a `.js` path is served as a script, unrendered. */
  page(path: string, html: string): void;
  /**
   * The snippet: the built w.js from the relay, as the README's tag (no
   * data-endpoint). A `src` elsewhere (a copy on the page server) gets
   * data-endpoint = the relay. `attrs` add or override data-*.
   */
  widgetTag(attrs?: Record<string, string>, src?: string): string;
  newContext(config?: OpenConfig): Promise<BrowserContext>;
  open(path: string, config?: OpenConfig): Promise<WidgetPage>;
  /**
   * The relay's log line for an event id (state, reason, duplicate): what it
   * decided, also for an event it stored nothing under (a duplicate). Polls up
   * to `timeoutMs`, then undefined. Read from the relay itself because Chromium
   * does not surface the answers of keepalive requests to the test. Dev relay
   * only: throws for "vercel-output", whose functions log to themselves.
   */
  outcome(eventId: string, timeoutMs?: number): Promise<EventLogEntry | undefined>;
  /** The audit record the API stored for an event id; polls up to `timeoutMs` (the request may still be in flight), then null. */
  storedEvent(eventId: string, timeoutMs?: number): Promise<ConversionRecord | null>;
  close(): Promise<void>;
}

const LAYOUTS: Record<HostLayout, { page: string; relay: string | null }> = {
  readme: { page: 'www.example.test', relay: 't.example.test' },
  proxy: { page: 'www.example.test', relay: null },
  'cross-site': { page: 'www.example.test', relay: 'relay.test' },
};

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The relay's env for a live set-up: the fake Graph API as Meta, real Redis through the Upstash
 * bridge under a fresh key prefix (`<label>:<random>:`), so files sharing the Redis server never meet.
 */
export function liveRelayEnv(graph: { pixelId: string; accessToken: string; url: string }, bridge: { url: string; token: string }, label: string): Record<string, string> {
  return {
    META_PIXEL_ID: graph.pixelId,
    META_ACCESS_TOKEN: graph.accessToken,
    META_GRAPH_URL: graph.url,
    UPSTASH_REDIS_REST_URL: bridge.url,
    UPSTASH_REDIS_REST_TOKEN: bridge.token,
    REDIS_PREFIX: `${label}:${randomBytes(4).toString('hex')}:`,
  };
}

/** Start both servers and Chromium. Call once per test file (beforeAll) and `close()` in afterAll. */
export async function startHarness(config: HarnessConfig = {}): Promise<Harness> {
  if (!existsSync(join(PUBLIC, 'w.js'))) throw new Error('public/w.js is missing: run `npm run build:widget` first');
  if (config.relay === 'vercel-output' && !existsSync(join(VERCEL_OUTPUT, 'config.json'))) throw new Error('.vercel/output is missing: run `npm test` (it runs `vercel build`)');
  const hosts = config.hosts ?? 'readme';
  const layout = LAYOUTS[hosts];
  const tls = testCertificate();
  const pages = new Map<string, string>();
  let relayUrl = '';
  let pageOrigin = '';
  let relayPort = 0;

  const widgetTag = (attrs: Record<string, string> = {}, src = `${relayUrl}/w.js`): string => {
    const endpoint: Record<string, string> = src.startsWith(relayUrl + '/') ? {} : { 'data-endpoint': relayUrl };
    const all: Record<string, string> = { ...endpoint, ...(config.widget ?? { 'data-pixel-id': TEST_PIXEL_ID }), ...attrs };
    const rendered = Object.entries(all).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
    return `<script src="${escapeAttr(src)}"${rendered} defer></script>`;
  };
  const render = (html: string): string => html.replace(/\{\{widget\}\}/g, () => widgetTag()).replace(/\{\{api\}\}/g, relayUrl);

  const server = createServer(tls, (req, res) => {
    const served =
      hosts === 'proxy' && (req.url === PROXY_PATH || req.url?.startsWith(PROXY_PATH + '/'))
        ? forwardToRelay(req, res, relayPort)
        : servePage(req, res, pages, render);
    void served.catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const pagePort = (server.address() as AddressInfo).port;
  pageOrigin = `https://${layout.page}:${pagePort}`;

  const relayEnv = { ALLOWED_ORIGINS: pageOrigin, ...config.env };
  const outcomes = new Map<string, EventLogEntry>();
  let api: DevServer | undefined;
  let relay: { port: number; close(): Promise<void> };
  let store: Store;
  if (config.relay === 'vercel-output') {
    relay = await serveVercelOutput({ dir: VERCEL_OUTPUT, env: relayEnv, tls });
    store = createStoreFromEnv(loadEnv(relayEnv)); // the same store the functions use, read from here
  } else {
    relay = api = await startDevServer({ env: relayEnv, port: 0, host: '127.0.0.1', tls });
    store = api.runtime.store;
    const writeLog = api.runtime.log;
    api.runtime.log = (entry) => {
      outcomes.set(entry.event_id, entry);
      writeLog(entry);
    };
  }
  relayPort = relay.port;
  relayUrl = layout.relay ? `https://${layout.relay}:${relay.port}` : pageOrigin + PROXY_PATH;

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--ignore-certificate-errors', '--host-resolver-rules=MAP *.test 127.0.0.1, MAP localhost 127.0.0.1'],
  });
  const userAgent = desktopUserAgent(browser.version());

  const newContext = async (open: OpenConfig = {}): Promise<BrowserContext> => {
    const country = open.country ?? 'US';
    const headers: Record<string, string> = { ...(open.gpc ? { 'Sec-GPC': '1' } : {}), ...(country ? { 'x-vercel-ip-country': country } : {}) };
    const context = await browser.newContext({ extraHTTPHeaders: headers, ignoreHTTPSErrors: true, userAgent });
    if (open.gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    await context.route('https://connect.facebook.net/**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/javascript', body: FBEVENTS_STUB }),
    );
    return context;
  };

  const open = async (path: string, openConfig: OpenConfig = {}): Promise<WidgetPage> => {
    const context = openConfig.context ?? (await newContext(openConfig));
    const page = await context.newPage();
    const events: Record<string, any>[] = [];
    const apiCalls: WidgetPage['apiCalls'] = [];
    const waiters: (() => void)[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(relayUrl + '/api/')) return;
      const body = request.postData();
      const path = url.slice(relayUrl.length).split('?')[0]!;
      apiCalls.push({ method: request.method(), path, body });
      // the widget posts to /api/send, vercel.json's neutral name for /api/event
      if (request.method() === 'POST' && (path === '/api/send' || path === '/api/event') && body) {
        events.push(JSON.parse(body) as Record<string, any>);
        waiters.splice(0).forEach((wake) => wake());
      }
    });
    // What a timed-out wait reports: requests that failed (a lazy chunk, an API call) and page errors.
    // URLs and messages only: request bodies may hold the canary PII.
    const trouble: string[] = [];
    page.on('requestfailed', (request) => trouble.push(`request failed: ${request.url().split('?')[0]} (${request.failure()?.errorText ?? '?'})`));
    page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
    await page.goto(pageOrigin + path);
    const fbqCalls = async (): Promise<unknown[][]> => {
      await page.waitForFunction(() => (window as any).__fbqCalls, undefined, { timeout: 3000 }).catch(() => undefined);
      return page.evaluate(() => ((window as any).__fbqCalls ?? []) as unknown[][]);
    };
    return {
      page,
      context,
      events,
      apiCalls,
      waitForEvents: (n, timeoutMs = 10_000) =>
        new Promise((ok, fail) => {
          const timer = setTimeout(() => {
            const calls = apiCalls.map((c) => `${c.method} ${c.path}`).join(', ') || 'none';
            fail(new Error(`expected ${n} event(s), got ${events.length}; API calls: ${calls}; ${trouble.join('; ') || 'no failed request, no page error'}`));
          }, timeoutMs);
          const check = (): void => {
            if (events.length >= n) {
              clearTimeout(timer);
              ok(events.slice());
            } else waiters.push(check);
          };
          check();
        }),
      fbqCalls,
      waitForCookie: async (name, timeoutMs = 5000) => {
        await page.waitForFunction((n) => document.cookie.split('; ').some((c) => c.startsWith(n + '=')), name, { timeout: timeoutMs });
      },
      pixelEventIds: async () =>
        (await fbqCalls())
          .filter((call) => call[0] === 'track' && (call[3] as { eventID?: string } | undefined)?.eventID)
          .map((call) => (call[3] as { eventID: string }).eventID),
      detectionLoaded: async () => {
        await page.waitForFunction(() =>
          performance.getEntriesByType('resource').some((e) => e.name.endsWith('/wd.js') && (e as PerformanceResourceTiming).responseEnd > 0),
        );
        // the module runs right after its fetch; one timer turn lets import().then(start) finish
        await page.evaluate(() => new Promise((ok) => setTimeout(ok, 50)));
      },
    };
  };

  return {
    hosts,
    pageOrigin,
    relayUrl,
    get api(): DevServer {
      if (!api) throw new Error('harness: the vercel-output relay has no runtime to inspect');
      return api;
    },
    browser,
    page: (path, html) => void pages.set(path, html),
    widgetTag,
    newContext,
    open,
    outcome: async (eventId, timeoutMs = 3000) => {
      if (!api) throw new Error('harness: outcome() needs the dev relay; the vercel-output functions log to themselves');
      const until = Date.now() + timeoutMs;
      while (!outcomes.has(eventId) && Date.now() < until) await new Promise((ok) => setTimeout(ok, 50));
      return outcomes.get(eventId);
    },
    storedEvent: async (eventId, timeoutMs = 3000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const record = await store.get(eventId);
        if (record || Date.now() > until) return record;
        await new Promise((ok) => setTimeout(ok, 50));
      }
    },
    close: async () => {
      await browser.close();
      await relay.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** A desktop Chrome user agent of the running version: what a visitor's browser sends. */
function desktopUserAgent(version: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`;
}

/** The site's own server in the "proxy" layout: PROXY_PATH/<rest> → the relay's /<rest>, Host and cookies kept. */
async function forwardToRelay(req: IncomingMessage, res: ServerResponse, relayPort: number): Promise<void> {
  const path = (req.url ?? '/').slice(PROXY_PATH.length) || '/';
  await new Promise<void>((done, fail) => {
    const upstream = httpsRequest(
      { host: '127.0.0.1', port: relayPort, path, method: req.method, headers: req.headers, rejectUnauthorized: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res).once('finish', done).once('error', fail);
      },
    );
    upstream.once('error', fail);
    req.pipe(upstream);
  });
}

async function servePage(req: IncomingMessage, res: ServerResponse, pages: Map<string, string>, render: (html: string) => string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://page.invalid');
  const send = (status: number, body: string, type = TYPES['.html']!, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
  };
  if (req.method === 'POST') {
    // drain the form body; its content does not matter to the page server
    for await (const _chunk of req) void _chunk;
    if (url.pathname === '/echo') return send(200, '{"ok":true}', TYPES['.json']);
    if (url.pathname === '/echo/fail') return send(422, '{"ok":false,"error":"Invalid email"}', TYPES['.json']);
    if (url.pathname === '/redirect') return send(303, '', TYPES['.html'], { location: url.searchParams.get('to') ?? '/' });
    return send(404, 'not found');
  }
  const inline = pages.get(url.pathname);
  if (inline !== undefined) {
    const type = TYPES[extname(url.pathname)] ?? TYPES['.html']!;
    return send(200, type === TYPES['.html'] ? render(inline) : inline, type);
  }
  const base = url.pathname.startsWith('/forms/') ? FIXTURES : PUBLIC;
  const rel = url.pathname.startsWith('/forms/') ? url.pathname.slice('/forms/'.length) : url.pathname.slice(1);
  const file = normalize(join(base, decodeURIComponent(rel)));
  if (!file.startsWith(base) || !existsSync(file)) return send(404, 'not found');
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  let body = await readFile(file, 'utf8');
  // A tool's page embeds the same form.html its unit tests load, so the markup lives in one place.
  const form = join(dirname(file), 'form.html');
  if (type === TYPES['.html'] && body.includes('{{form}}') && existsSync(form)) body = body.replace('{{form}}', () => readFileSync(form, 'utf8'));
  return send(200, type === TYPES['.html'] ? render(body) : body, type);
}
