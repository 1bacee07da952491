/**
 * Serve what `vercel build` produced (.vercel/output) the way Vercel serves a
 * deployment: `static/` files and each `functions/<path>.func` behind the
 * routes of `config.json`, over HTTPS when given a certificate. The tests use
 * it to prove vercel.json and the function bundles, not only the sources:
 * each function runs from its own .func folder, through the handler its
 * `.vc-config.json` names, with the node_modules Vercel traced into it.
 *
 * Functions run in this process and read `process.env`, like every function
 * of one deployment reads the project's environment: run one output server
 * per process (a vitest file is one).
 *
 * @example
 * const relay = await serveVercelOutput({ dir: '.vercel/output', env: { ALLOWED_ORIGINS: 'https://www.example.test' }, tls });
 * await fetch(relay.url + '/w.js');
 * await relay.close();
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { createWebServer } from '../dev/node-bridge.js';
import { callRoute, type ApiRoute } from '../dev/routes.js';
import { readStaticFile } from '../dev/static-files.js';
import { resolveRoute, routePhases, type OutputRoute } from './routes.js';

/** Options for serving a build output. */
export interface VercelOutputConfig {
  /** the `.vercel/output` folder */
  dir: string;
  /** the deployment's environment, set on process.env before any function loads */
  env?: Record<string, string>;
  /** serve HTTPS with this key and certificate (PEM). @default plain HTTP */
  tls?: { key: string; cert: string };
  /** @default 0 (a free port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
}

export interface VercelOutputServer {
  url: string;
  port: number;
  /** function paths found (e.g. /api/event) */
  functions: string[];
  close(): Promise<void>;
}

interface FunctionConfig {
  handler: string;
  launcherType?: string;
  runtime?: string;
}

/** Every `<path>.func` folder under functions/, as the route path Vercel mounts it at → its handler file. */
function readFunctions(dir: string): Map<string, ApiRoute> {
  const functions = new Map<string, ApiRoute>();
  const root = join(dir, 'functions');
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (!entry.isDirectory()) continue;
      if (!entry.name.endsWith('.func')) {
        walk(full);
        continue;
      }
      const config = JSON.parse(readFileSync(join(full, '.vc-config.json'), 'utf8')) as FunctionConfig;
      if (config.launcherType !== 'Nodejs') throw new Error(`vercel output: ${entry.name} uses launcher ${config.launcherType ?? '?'}, not Nodejs`);
      const path = '/' + relative(root, full).split(sep).join('/').replace(/\.func$/, '');
      functions.set(path, { path, file: join(full, config.handler) });
    }
  };
  if (existsSync(root)) walk(root);
  return functions;
}

/** The request with a rewrite's query parameters added, as Vercel hands a dynamic route its `[name]` values. */
function withQuery(request: Request, query: string | undefined): Request {
  if (!query) return request;
  const url = new URL(request.url);
  for (const [name, value] of new URLSearchParams(query)) url.searchParams.set(name, value);
  return new Request(url, request);
}

/** Start serving `config.dir`. Throws when it is not a build output or uses routing this server does not model. */
export async function serveVercelOutput(config: VercelOutputConfig): Promise<VercelOutputServer> {
  const dir = resolve(config.dir);
  const output = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { version: number; routes?: OutputRoute[] };
  if (output.version !== 3) throw new Error(`vercel output: config.json version ${output.version}, expected 3`);
  const phases = routePhases(output.routes ?? []);
  const functions = readFunctions(dir);
  const staticDir = join(dir, 'static');
  const isStaticFile = (path: string): boolean => {
    const file = resolve(join(staticDir, path));
    return file.startsWith(staticDir + sep) && existsSync(file) && statSync(file).isFile();
  };
  const exists = (path: string): boolean => functions.has(path) || isStaticFile(path);
  Object.assign(process.env, config.env);
  const scheme = config.tls ? 'https' : 'http';

  const answer = async (request: Request): Promise<Response> => {
    const route = resolveRoute(phases, new URL(request.url).pathname, exists);
    const fn = route.status ? undefined : functions.get(route.path);
    let response = fn ? await callRoute(fn, withQuery(request, route.query)) : await readStaticFile(staticDir, route.path);
    if (!response) response = new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    else if (route.status) response = new Response(response.body, { status: route.status, headers: response.headers });
    // config.json headers win over what the file or function set, as on Vercel
    for (const [name, value] of Object.entries(route.headers)) response.headers.set(name, value);
    return response;
  };

  const server = createWebServer(answer, config.tls);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port ?? 0, config.host ?? '127.0.0.1', ok);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://localhost:${port}`,
    port,
    functions: [...functions.keys()].sort(),
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
