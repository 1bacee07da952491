import { envStatus, type VariableStatus } from '../../_config/env.js';
import { describeSender, getEnvSource, getRuntime, type Runtime } from '../../_config/runtime.js';
import { GRAPH_API_VERSION } from '../../_meta/graph-sender.js';
import { probeMeta, type MetaProbe } from '../../_meta/probe.js';
import { badRequest, methodNotAllowed, ok, unauthorized } from '../answers.js';
import { bearerMatches } from '../bearer-auth.js';
import { readJsonBody } from '../request-body.js';

/** The answer of GET/POST /api/admin/status: everything `capi-relay doctor` checks server-side, no secret value. */
export interface StatusAnswer {
  /** every variable the schema reads: set, valid, and what is wrong — never the value */
  env: Record<string, VariableStatus>;
  /** VERCEL_ENV, or null off Vercel */
  vercelEnv: string | null;
  /** META_TEST_EVENT_CODE is set (loud in production: test events still count) */
  testEventCode: boolean;
  graphVersion: string;
  /** what the relay runs with; null when the configuration does not load */
  config: { allowedOrigins: string[]; cookieDomain: string | null; pixelId: string | null; sender: 'live' | 'dry-run'; cronSecret: boolean } | null;
  store: { kind: Runtime['storeKind']; ok: boolean; problem?: string } | null;
  meta: MetaProbe | { ok: false; problem: string } | null;
}

export interface StatusDeps {
  /** the environment to report on. @default the process runtime's (getEnvSource) */
  source?: Record<string, string | undefined>;
  runtime?: () => Promise<Runtime>;
  fetch?: typeof fetch;
}

const MAX_BODY_BYTES = 1024;

/**
 * GET /api/admin/status (POST with `{ "test_event_code": "…" }` also sends one
 * test event to Meta). Behind `Authorization: Bearer <ADMIN_TOKEN>`; closed
 * while ADMIN_TOKEN is unset or invalid. It answers even when the rest of the
 * configuration does not load — saying which variable is wrong is its job.
 */
export async function handleStatus(request: Request, deps: StatusDeps = {}): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
  const source = deps.source ?? getEnvSource();
  const env = envStatus(source);
  const adminToken = env['ADMIN_TOKEN']?.valid ? source['ADMIN_TOKEN']?.trim() : undefined;
  if (!adminToken) return unauthorized('ADMIN_TOKEN is not set (or is invalid) on this deployment, so the status endpoint is closed');
  if (!bearerMatches(request.headers.get('authorization'), adminToken)) return unauthorized('send Authorization: Bearer <ADMIN_TOKEN>');

  let testEventCode: string | undefined;
  if (request.method === 'POST') {
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    if (!body.ok) return body.response;
    const code = (body.value as { test_event_code?: unknown } | null)?.test_event_code;
    if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(code)) {
      return badRequest('invalid_body', [{ path: 'test_event_code', message: 'must be the code from Events Manager → Test events (letters and digits)' }]);
    }
    testEventCode = code;
  }

  const answer: StatusAnswer = {
    env,
    vercelEnv: source['VERCEL_ENV']?.trim() || null,
    testEventCode: env['META_TEST_EVENT_CODE']?.set ?? false,
    graphVersion: GRAPH_API_VERSION,
    config: null,
    store: null,
    meta: null,
  };
  let runtime: Runtime;
  try {
    runtime = await (deps.runtime ?? getRuntime)();
  } catch {
    return ok(answer); // env says which variable stops it
  }
  const e = runtime.env;
  answer.config = {
    allowedOrigins: e.allowedOrigins,
    cookieDomain: e.cookieDomain ?? null,
    pixelId: e.metaPixelId ?? null,
    sender: describeSender(e),
    cronSecret: e.cronSecret !== undefined,
  };
  answer.store = await pingStore(runtime);
  answer.meta =
    e.metaAccessToken && e.metaPixelId
      ? await probeMeta(
          {
            graphUrl: e.metaGraphUrl,
            pixelId: e.metaPixelId,
            accessToken: e.metaAccessToken,
            eventSourceUrl: `${e.allowedOrigins[0]}/`,
            now: runtime.now,
            ...(testEventCode ? { testEventCode } : {}),
          },
          deps.fetch,
        )
      : { ok: false, problem: 'META_PIXEL_ID and META_ACCESS_TOKEN are not both set: the relay only records what it would send (dry run)' };
  return ok(answer);
}

/** One read round trip; the error's name only (Upstash errors carry the command, docs/platform.md §0.9). */
async function pingStore(runtime: Runtime): Promise<NonNullable<StatusAnswer['store']>> {
  try {
    await runtime.store.listRecent(1);
    return { kind: runtime.storeKind, ok: true };
  } catch (error) {
    return { kind: runtime.storeKind, ok: false, problem: `the store did not answer (${error instanceof Error ? error.name : 'error'})` };
  }
}
