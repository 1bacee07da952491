import type { Env } from '../../_config/env.js';
import type { Issue } from '../../_contract/wire.js';
import { badRequest, ok } from '../answers.js';
import { clickIdCookies, cookieScope, resolveClickIds, type ClickIds } from '../click-id-cookies.js';
import { readClickIdCookies } from '../cookies.js';
import { corsFor } from '../cors.js';
import { readJsonBody } from '../request-body.js';

/** The body is two short ids; anything bigger is not from our widget. */
const MAX_BODY_BYTES = 4096;

/** What POST /api/ids needs; its CORS rules follow from `env` (corsFor). */
export interface IdsDeps {
  env: Pick<Env, 'allowedOrigins' | 'cookieDomain'>;
  now: () => number;
}

/**
 * POST /api/ids (and its OPTIONS preflight): the page's `{ fbc?, fbp? }` and
 * the request's cookies → the effective ids, set as first-party cookies when
 * this host can reach the page's domain. `Sec-GPC: 1` sets nothing and returns nothing.
 */
export async function handleIds(request: Request, deps: IdsDeps): Promise<Response> {
  const cors = corsFor(deps.env.allowedOrigins);
  if (request.method === 'OPTIONS') return cors.preflight(request);
  return cors.handle(request, async () => {
    if (request.headers.get('sec-gpc')?.trim() === '1') return ok({ cookies: 'none' });
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    if (!body.ok) return body.response;
    const page = readIds(body.value);
    if ('issues' in page) return badRequest('invalid_body', page.issues);
    const scope = cookieScope(request.url, request.headers.get('origin')!, deps.env.cookieDomain);
    const ids = resolveClickIds(readClickIdCookies(request.headers.get('cookie')), page, deps.now(), Math.random);
    const response = ok({ ...ids, cookies: scope.canSet ? 'server' : 'page' });
    // append, not set: each cookie needs its own Set-Cookie header
    if (scope.canSet) for (const cookie of clickIdCookies(ids, scope)) response.headers.append('set-cookie', cookie);
    return response;
  });
}

type Issues = { issues: Issue[] };

/** `{ fbc?, fbp? }` from the parsed body; malformed ids are ignored later, a malformed body is a 400. */
function readIds(body: unknown): ClickIds | Issues {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { issues: [{ path: '', message: 'body must be a JSON object' }] };
  const { fbc, fbp } = body as Record<string, unknown>;
  const issues = [
    ...(fbc !== undefined && typeof fbc !== 'string' ? [{ path: 'fbc', message: 'must be a string' }] : []),
    ...(fbp !== undefined && typeof fbp !== 'string' ? [{ path: 'fbp', message: 'must be a string' }] : []),
  ];
  return issues.length ? { issues } : { fbc: fbc as string | undefined, fbp: fbp as string | undefined };
}
