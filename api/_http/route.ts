import type { Runtime } from '../_config/runtime.js';
import type { EnvDeps } from '../_config/route-deps.js';

/** A route's handler: the request and the process runtime in, the answer out. */
export type Handler = (request: Request, runtime: Runtime) => Promise<Response> | Response;

/** The handler of a route that reads only configuration (POST /api/ids, GET /api/config). */
export type EnvHandler = (request: Request, deps: EnvDeps) => Promise<Response> | Response;

/**
 * Run one route with the process-wide runtime. The runtime (and everything
 * heavy behind it) is imported on the first request, so a cold import of a
 * route module stays cheap. A configuration error is logged naming the
 * variable (never its value) and the visitor gets a 500 that says no more.
 * The handler is imported after the runtime, the same way.
 * Proxy headers are settled here, once for every route (request-context.ts applyProxyHeaders).
 */
export async function route(request: Request, loadHandler: () => Promise<Handler>): Promise<Response> {
  const { getRuntime, applyProxyHeaders } = await import('./route-runtime.js');
  let runtime: Runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    return misconfigured(error);
  }
  // A path proxy's client IP/country replace the edge's only when it proves PROXY_SECRET.
  return (await loadHandler())(applyProxyHeaders(request, runtime.env.proxySecret), runtime);
}

/**
 * `route` for a handler that needs only env and the clock: it loads route-env.ts,
 * not the runtime, so the store, the sender and their modules stay unloaded
 * on its cold start (issue 13). Same error answer, same proxy-header rule.
 */
export async function routeWithEnv(request: Request, loadHandler: () => Promise<EnvHandler>): Promise<Response> {
  const { getEnvDeps, applyProxyHeaders } = await import('./route-env.js');
  let deps: EnvDeps;
  try {
    deps = getEnvDeps();
  } catch (error) {
    return misconfigured(error);
  }
  return (await loadHandler())(applyProxyHeaders(request, deps.env.proxySecret), deps);
}

function misconfigured(error: unknown): Response {
  console.error(error instanceof Error ? error.message : 'capi-relay: runtime failed to start');
  return new Response(JSON.stringify({ error: 'server_misconfigured' }), {
    status: 500,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
