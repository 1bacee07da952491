import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A web-standard handler as Vercel calls it. */
export type WebHandler = (request: Request) => Response | Promise<Response>;

/** One `api/` file mounted at its Vercel path. */
export interface ApiRoute {
  /** e.g. /api/event */
  path: string;
  file: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Every function file under `apiDir` as Vercel would mount it (docs/platform.md §1.1):
 * the path without its extension; files and folders starting with `_` or `.`
 * are shared code, not functions; `index.ts` answers at its folder's path.
 */
export function discoverApiRoutes(apiDir: string): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|js|mjs)$/.test(entry.name) && !/\.(d|test)\.ts$/.test(entry.name)) {
        const rel = relative(apiDir, full).split(sep).join('/').replace(/\.(ts|js|mjs)$/, '');
        const path = `/api/${rel}`.replace(/\/index$/, '');
        routes.push({ path, file: full });
      }
    }
  };
  walk(apiDir);
  return routes.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The route for a request path, as Vercel picks it: an exact file first, then a
 * dynamic one whose `[name]` segments each match one path segment
 * (`api/hooks/[tool].ts` answers `/api/hooks/typeform`).
 */
export function matchApiRoute(routes: readonly ApiRoute[], pathname: string): ApiRoute | undefined {
  const path = pathname.replace(/\/+$/, '');
  return (
    routes.find((r) => r.path === path) ??
    routes.find((r) => r.path.includes('[') && new RegExp(`^${r.path.replace(/[.*+?^${}()|\\]/g, '\\$&').replace(/\\?\[[^\]/]+\\?\]/g, '[^/]+')}$`).test(path))
  );
}

/**
 * Call the method export of a route module (`POST`, `OPTIONS`, …) or a default
 * `{ fetch }` object; 405 with Allow when the method isn't exported.
 */
export async function callRoute(route: ApiRoute, request: Request): Promise<Response> {
  const mod = (await import(pathToFileURL(route.file).href)) as Record<string, unknown>;
  const handler = mod[request.method];
  if (typeof handler === 'function') return (handler as WebHandler)(request);
  const fallback = mod['default'] as { fetch?: WebHandler } | undefined;
  if (typeof fallback?.fetch === 'function') return fallback.fetch(request);
  const allowed = METHODS.filter((m) => typeof mod[m] === 'function');
  return new Response(JSON.stringify({ error: 'method_not_allowed', message: `use ${allowed.join(', ')}` }), {
    status: 405,
    headers: { allow: allowed.join(', '), 'content-type': 'application/json; charset=utf-8' },
  });
}
