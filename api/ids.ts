/**
 * POST /api/ids — first-party `_fbc`/`_fbp` for the widget (meta-capi.md §4,
 * platform.md §2). The widget calls it on each page load while allowed, with
 * a text/plain JSON body `{ fbc?, fbp? }` as the page sees them. Answers
 * `{ fbc?, fbp?, cookies }`: the effective ids, and "server" when this
 * response set the cookies, "page" when the API is cross-site and the widget
 * must write them. `Sec-GPC: 1` sets nothing and returns nothing.
 */
import { clickIdCookies, cookieScope, parseCookies, resolveClickIds, type ClickIds } from './_http/click-id-cookies.js';
import { badRequest, ok } from './_http/answers.js';
import { readJsonBody } from './_http/request-body.js';
import { withRuntime } from './_http/route.js';

/** The body is two short ids; anything bigger is not from our widget. */
const MAX_BODY_BYTES = 4096;

export async function OPTIONS(request: Request): Promise<Response> {
  return withRuntime(async (runtime) => runtime.cors.preflight(request));
}

export async function POST(request: Request): Promise<Response> {
  return withRuntime((runtime) =>
    runtime.cors.handle(request, async () => {
      if (request.headers.get('sec-gpc')?.trim() === '1') return ok({ cookies: 'none' });
      const body = await readJsonBody(request, MAX_BODY_BYTES);
      if (!body.ok) return body.response;
      const page = readIds(body.value);
      if ('issues' in page) return badRequest('invalid_body', page.issues);
      const scope = cookieScope(request.url, request.headers.get('origin')!, runtime.env.cookieDomain);
      const ids = resolveClickIds(parseCookies(request.headers.get('cookie')), page, runtime.now(), Math.random);
      const response = ok({ ...ids, cookies: scope.canSet ? 'server' : 'page' });
      // append, not set: each cookie needs its own Set-Cookie header
      if (scope.canSet) for (const cookie of clickIdCookies(ids, scope)) response.headers.append('set-cookie', cookie);
      return response;
    }),
  );
}

type Issues = { issues: { path: string; message: string }[] };

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
