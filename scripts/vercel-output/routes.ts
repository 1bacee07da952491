/**
 * The routing table of a Build Output API v3 `config.json`, as `vercel build`
 * writes it from vercel.json: the subset this project's config uses, applied
 * in Vercel's phase order. A key outside that subset throws, so a vercel.json
 * change the local server does not understand fails the suite instead of
 * being served differently than Vercel would.
 */

/** One entry of `config.json` `routes`. */
export interface OutputRoute {
  src?: string;
  dest?: string;
  headers?: Record<string, string>;
  status?: number;
  continue?: boolean;
  check?: boolean;
  handle?: 'filesystem' | 'miss' | 'error' | 'rewrite' | 'hit' | 'resource';
}

const KNOWN_KEYS = new Set(['src', 'dest', 'headers', 'status', 'continue', 'check', 'handle']);

/** Where a request ends up: a path to look up (static file or function), or a bare status. */
export interface RouteResult {
  path: string;
  /** set when a route answered with a status (e.g. 404 for an unknown /api path) */
  status?: number;
  /** query parameters a rewrite's `dest` adds (a dynamic route's `?tool=$1`), merged into the request's */
  query?: string;
  headers: Record<string, string>;
}

type Phases = Record<'main' | 'filesystem' | 'miss' | 'error', OutputRoute[]>;

/** Split `routes` by their `handle` markers; unknown keys or phases throw. */
export function routePhases(routes: OutputRoute[]): Phases {
  const phases: Phases = { main: [], filesystem: [], miss: [], error: [] };
  let current: keyof Phases = 'main';
  for (const route of routes) {
    const unknown = Object.keys(route).filter((k) => !KNOWN_KEYS.has(k));
    if (unknown.length) throw new Error(`vercel output: route keys not supported locally: ${unknown.join(', ')}`);
    if (route.handle) {
      if (!(route.handle in phases)) throw new Error(`vercel output: phase "${route.handle}" not supported locally`);
      current = route.handle as keyof Phases;
    } else phases[current].push(route);
  }
  return phases;
}

/**
 * Run one phase over `path`. A matching route adds its headers, rewrites to
 * `dest` ($1… from the match) and sets `status`; without `continue` it ends
 * the phase. Returns whether any route matched without `continue`.
 */
function runPhase(routes: OutputRoute[], result: RouteResult, exists: (path: string) => boolean): boolean {
  for (const route of routes) {
    const match = route.src ? new RegExp(route.src).exec(result.path) : null;
    if (route.src && !match) continue;
    Object.assign(result.headers, route.headers);
    if (route.dest) {
      const dest = route.dest.replace(/\$(\d+)/g, (_m, n: string) => match?.[Number(n)] ?? '');
      const q = dest.indexOf('?');
      result.path = q < 0 ? dest : dest.slice(0, q);
      if (q >= 0) result.query = dest.slice(q + 1);
    }
    if (route.status) result.status = route.status;
    if (route.check && !exists(result.path)) continue;
    if (!route.continue) return true;
  }
  return false;
}

/**
 * Resolve a request path the way Vercel's router does for these phases:
 * main routes, then the filesystem (static files and functions), then `miss`
 * routes (a `check` rewrite must land on the filesystem), then the routes
 * after `handle: filesystem`, and for an error status the `error` routes.
 */
export function resolveRoute(phases: Phases, path: string, exists: (path: string) => boolean): RouteResult {
  const result: RouteResult = { path, headers: {} };
  if (runPhase(phases.main, result, exists) || exists(result.path)) return result;
  if (runPhase(phases.miss, result, exists) && exists(result.path)) return result;
  if (!runPhase(phases.filesystem, result, exists)) result.status ??= 404;
  if (result.status && result.status >= 400) runPhase(phases.error, result, exists);
  return result;
}
