import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EnvError, loadEnv, type Env } from '../api/_config/env.js';
import { createRuntime, describeSender, setRuntime, type Runtime } from '../api/_config/runtime.js';
import { sweep } from '../api/_pipeline/sweep.js';
import { createWebServer } from './dev/node-bridge.js';
import { readRewrites, rewritePath } from './dev/rewrites.js';
import { callRoute, discoverApiRoutes, matchApiRoute, type ApiRoute } from './dev/routes.js';
import { readStaticFile, WIDGET_FILE_HEADERS } from './dev/static-files.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Options for starting the local server. */
export interface DevServerConfig {
  /** environment to read. @default process.env */
  env?: Record<string, string | undefined>;
  /** overrides PORT; 0 picks a free port (tests). */
  port?: number;
  /** interface to bind. @default "127.0.0.1" */
  host?: string;
  /** serve HTTPS with this key and certificate (PEM), as Vercel does; tests use it for the README's topology. @default plain HTTP */
  tls?: { key: string; cert: string };
  /** how often the built-in sweeper runs, so the local run retries pending events by itself; 0 turns it off. @default 60000 */
  sweepEveryMs?: number;
}

/** The local stand-in for Vercel Cron / QStash: once a minute, like cron on Pro. */
export const DEV_SWEEP_INTERVAL_MS = 60_000;

export interface DevServer {
  url: string;
  port: number;
  runtime: Runtime;
  routes: ApiRoute[];
  close(): Promise<void>;
}

/**
 * Start the one local server `npm start` runs: every api/ function at its Vercel
 * path, public/ files, an explanatory page at /, the /admin page with a local token, and
 * /dev/events (dev only, raw JSON kept for scripts and tests).
 * Throws EnvError (naming the variable) for a malformed environment.
 */
export async function startDevServer(config: DevServerConfig = {}): Promise<DevServer> {
  const source = config.env ?? process.env;
  const loaded = loadEnv(source); // fail before listening: a bad variable stops startup
  // The /admin page needs a token; a local run without ADMIN_TOKEN gets a random one that only
  // this process knows and hands to the page it serves (never printed, never in a URL).
  const checked: Env = loaded.adminToken ? loaded : { ...loaded, adminToken: randomBytes(24).toString('base64url') };
  const routes = discoverApiRoutes(join(ROOT, 'api'));
  const rewrites = readRewrites(join(ROOT, 'vercel.json'));
  let runtime: Runtime | undefined;

  const scheme = config.tls ? 'https' : 'http';
  const server = createWebServer((request) => dispatch(request, routes, rewrites, () => runtime!), config.tls, checked.trustProxy);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port ?? checked.port, config.host ?? '127.0.0.1', ok);
  });
  const port = (server.address() as AddressInfo).port;
  // In dev the page and the API share this origin; ALLOWED_ORIGINS still wins when set.
  const env: Env = source['ALLOWED_ORIGINS']?.trim() ? checked : { ...checked, port, allowedOrigins: [`${scheme}://localhost:${port}`, `${scheme}://127.0.0.1:${port}`] };
  runtime = await createRuntime(env);
  setRuntime(runtime, source); // api/*.ts handlers call getRuntime(): they share this one
  const url = `${scheme}://localhost:${port}`;
  const stopSweeper = startSweepTimer(runtime, config.sweepEveryMs ?? DEV_SWEEP_INTERVAL_MS);
  return {
    url,
    port,
    runtime,
    routes,
    close: () => {
      stopSweeper();
      setRuntime(undefined);
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

/**
 * Sweep every `everyMs` in-process (no HTTP, no CRON_SECRET needed), one run at a time; the
 * timer does not keep the process alive. Returns a function that stops it.
 */
function startSweepTimer(runtime: Runtime, everyMs: number): () => void {
  if (everyMs <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep(runtime, runtime.sweepLimits)
      .then((report) => {
        if (report.picked > 0) console.log(`[capi-relay] sweep: ${JSON.stringify(report)}`);
      })
      .catch(() => console.error('[capi-relay] sweep failed (store unavailable); retrying next minute'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function dispatch(request: Request, routes: ApiRoute[], rewrites: ReadonlyMap<string, string>, runtime: () => Runtime): Promise<Response> {
  // vercel.json rewrites (neutral public paths) first, as Vercel serves them
  const pathname = rewritePath(rewrites, new URL(request.url).pathname);
  const route = matchApiRoute(routes, pathname);
  if (route) return callRoute(route, request);
  if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
  if (pathname === '/') return homePage(runtime(), routes, new URL(request.url).origin);
  if (pathname === '/dev/events') return recentEvents(runtime());
  if (pathname === '/admin' || pathname === '/admin.html') return adminPage(runtime());
  return (await readStaticFile(join(ROOT, 'public'), pathname, WIDGET_FILE_HEADERS)) ?? notFound();
}

function notFound(): Response {
  return new Response(JSON.stringify({ error: 'not_found' }), { status: 404, headers: { 'content-type': 'application/json' } });
}

async function homePage(rt: Runtime, routes: ApiRoute[], url: string): Promise<Response> {
  const template = await readFile(join(ROOT, 'scripts/dev/index.html'), 'utf8');
  const values: Record<string, string> = {
    url,
    store: rt.storeKind,
    sender: describeSender(rt.env),
    origins: rt.env.allowedOrigins.join(', '),
    routes: routes.map((r) => `<code>${escapeHtml(r.path)}</code>`).join(' '),
    widget: existsSync(join(ROOT, 'public/w.js')) ? '<code>/w.js</code> (built)' : 'not built yet: run <code>npm run build:widget</code>',
  };
  // routes/widget carry our own markup; every other value is escaped
  const html = template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => (key === 'routes' || key === 'widget' ? values[key] ?? '' : escapeHtml(values[key] ?? '')));
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * The /admin page as Vercel serves it (public/admin.html, built by build:widget), plus the local
 * admin token in a meta tag the page moves into sessionStorage: `npm start` opens the log directly.
 */
async function adminPage(rt: Runtime): Promise<Response> {
  const file = join(ROOT, 'public/admin.html');
  if (!existsSync(file)) return new Response('The admin page is not built yet: run npm run build:widget', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const html = (await readFile(file, 'utf8')).replace('<head>', `<head>\n  <meta name="capi-relay-local-token" content="${escapeHtml(rt.env.adminToken ?? '')}">`);
  return new Response(html, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' },
  });
}

/** Newest audit records (hashed payloads only; raw receipts are never shown). */
async function recentEvents(rt: Runtime): Promise<Response> {
  const ids = await rt.store.listRecent(50);
  const records = (await Promise.all(ids.map((id) => rt.store.get(id)))).filter((r) => r !== null);
  return new Response(JSON.stringify({ sender: describeSender(rt.env), events: records }, null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  // A local .env (copied from .env.example) fills in what the shell did not set.
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
  startDevServer()
    .then((dev) => {
      // No secrets here: kinds and origins only.
      console.log(`capi-relay dev server: ${dev.url}  store=${dev.runtime.storeKind}  sender=${describeSender(dev.runtime.env)}  origins=${dev.runtime.env.allowedOrigins.join(',')}`);
      const stop = () => void dev.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error instanceof EnvError ? error.message : `capi-relay dev server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
