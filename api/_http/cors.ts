import { forbidden, noContent, withHeaders } from './answers.js';

/** CORS for credentialed requests from an exact-origin allow-list (docs/platform.md §3.3). */
export interface CorsConfig {
  /** Exact origins (scheme + host [+ port]); compared as strings, never as patterns. */
  allowedOrigins: readonly string[];
  /** @default ["POST", "OPTIONS"] */
  methods?: readonly string[];
  /** Request headers a preflight may ask for. @default ["Content-Type"] */
  allowHeaders?: readonly string[];
  /** How long browsers may cache a preflight. @default 600 */
  maxAgeSec?: number;
}

/** Outcome of checking a request's `Origin`. */
export type OriginCheck =
  | { allowed: true; origin: string; headers: Readonly<Record<string, string>> }
  | { allowed: false; reason: 'origin_missing' | 'origin_not_allowed'; response: Response };

/** Resolved CORS rules for one endpoint. */
export interface Cors {
  /** Check `Origin`: the CORS headers to add, or a ready 403 without any CORS header. */
  check(request: Request): OriginCheck;
  /** Answer an OPTIONS preflight: 204 with the allow headers, or 403. */
  preflight(request: Request): Response;
  /** Check the origin, run `handler` only when allowed, and add the CORS headers to its answer. */
  handle(request: Request, handler: (request: Request) => Promise<Response>): Promise<Response>;
}

/**
 * Resolve the rules once and return the per-request functions.
 *
 * @example
 * const cors = createCors({ allowedOrigins: env.allowedOrigins });
 * if (request.method === 'OPTIONS') return cors.preflight(request);
 * return cors.handle(request, (r) => handle(r));
 */
export function createCors(config: CorsConfig): Cors {
  const allowed = new Set(config.allowedOrigins);
  // Credentials forbid "*" (docs/platform.md §3.3); refuse the config rather than silently echo everything.
  if (allowed.has('*')) throw new Error('CORS: a wildcard origin is never allowed with credentials');
  const methods = (config.methods ?? ['POST', 'OPTIONS']).join(', ');
  const allowHeaders = (config.allowHeaders ?? ['Content-Type']).join(', ');
  const maxAge = String(config.maxAgeSec ?? 600);
  // The allow-list is fixed, so each origin's answer headers are built once and shared (frozen).
  const headersByOrigin = new Map<string, Readonly<Record<string, string>>>();
  for (const origin of allowed) {
    headersByOrigin.set(
      origin,
      Object.freeze({
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        // Answers differ per origin, so shared caches must key on it.
        vary: 'Origin',
      }),
    );
  }

  function check(request: Request): OriginCheck {
    const origin = request.headers.get('origin');
    // Browsers always send Origin on a cross-origin POST; its absence means a non-browser client.
    if (!origin) {
      return { allowed: false, reason: 'origin_missing', response: forbidden('origin_missing', 'an Origin header is required') };
    }
    const headers = headersByOrigin.get(origin);
    if (!headers) {
      return { allowed: false, reason: 'origin_not_allowed', response: forbidden('origin_not_allowed', 'this origin is not on ALLOWED_ORIGINS') };
    }
    return { allowed: true, origin, headers };
  }

  return {
    check,
    preflight(request) {
      const result = check(request);
      if (!result.allowed) return result.response;
      return noContent({
        ...result.headers,
        'access-control-allow-methods': methods,
        'access-control-allow-headers': allowHeaders,
        'access-control-max-age': maxAge,
      });
    },
    async handle(request, handler) {
      const result = check(request);
      if (!result.allowed) return result.response;
      return withHeaders(await handler(request), result.headers);
    },
  };
}

/** Each allow-list's rules per method list, so a handler resolves them once per runtime, not per request. */
const resolved = new WeakMap<readonly string[], Map<string, Cors>>();

/**
 * The rules of a route: `allowedOrigins` is the runtime's `env.allowedOrigins`
 * (the same array for the life of the runtime), `methods` the route's own.
 * Every handler gets its CORS here, so there is one way to build it.
 */
export function corsFor(allowedOrigins: readonly string[], methods: readonly string[] = ['POST', 'OPTIONS']): Cors {
  let byMethods = resolved.get(allowedOrigins);
  if (!byMethods) resolved.set(allowedOrigins, (byMethods = new Map()));
  const key = methods.join(',');
  let cors = byMethods.get(key);
  if (!cors) byMethods.set(key, (cors = createCors({ allowedOrigins, methods })));
  return cors;
}
