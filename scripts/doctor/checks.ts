import type { StatusAnswer } from '../../api/_http/handlers/status.js';
import { readVersionTable, versionVerdict } from './graph-versions.js';

/** One line of the doctor's report. */
export interface CheckResult {
  name: string;
  verdict: 'ok' | 'fail' | 'skip';
  message: string;
}

export interface DoctorOptions {
  /** the relay's production URL, e.g. https://t.example.com (a path proxy's https://www.example.com/t works too) */
  url: string;
  /** a page of the site that carries the tag, e.g. https://www.example.com */
  site?: string;
  /** Events Manager test code: send one test event instead of only reading the pixel */
  testCode?: string;
  /** the deployment's ADMIN_TOKEN (the CLI reads it from the environment, never from an argument) */
  adminToken?: string;
  /** the text of docs/meta-capi.md (the Graph API calendar) */
  metaCapiDoc: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Files the widget loads; each must be a script any site origin may import (README "Which origin serves what"). */
export const WIDGET_FILES = ['w.js', 'wd.js', 'wc.js', 'banner.js'] as const;

/** What a production deployment needs set (README "Deploy"); the store may come under either name. */
const REQUIRED = ['META_PIXEL_ID', 'META_ACCESS_TOKEN', 'ALLOWED_ORIGINS', 'ADMIN_TOKEN', 'CRON_SECRET', 'CONSENT_ID_SALT'];
const STORE_PAIRS = [
  ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
  ['KV_REST_API_URL', 'KV_REST_API_TOKEN'],
];

const TIMEOUT_MS = 10_000;

/**
 * Run every check, in the order a new deployment usually fails them. Each is
 * one plain line; a check that cannot run says why instead of throwing.
 */
export async function runDoctor(options: DoctorOptions): Promise<CheckResult[]> {
  const http = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const base = options.url.replace(/\/+$/, '');
  const siteOrigin = options.site ? new URL(options.site).origin : undefined;
  const get = (url: string, init: RequestInit = {}) => http(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const results: CheckResult[] = [];
  const add = (name: string, verdict: CheckResult['verdict'], message: string) => results.push({ name, verdict, message });

  // 1. the deployment answers
  try {
    const res = await get(`${base}/api/config`);
    const body = (await res.json().catch(() => undefined)) as { optIn?: unknown } | undefined;
    if (res.status === 200 && typeof body?.optIn === 'boolean') add('deployment', 'ok', `${base} answers (GET /api/config 200)`);
    else add('deployment', 'fail', `${base}/api/config answered ${res.status}${res.status === 401 ? ' (Vercel Deployment Protection? use the production custom domain)' : ''}: is this the relay's URL?`);
  } catch (error) {
    add('deployment', 'fail', `${base} does not answer (${describeError(error)}): check the URL and the domain's DNS record`);
    return results; // nothing else can be checked
  }

  // 2. status (env, store, Meta) behind ADMIN_TOKEN
  let status: StatusAnswer | undefined;
  if (!options.adminToken) {
    add('env', 'fail', 'ADMIN_TOKEN is not set in this shell: `read -rs ADMIN_TOKEN && export ADMIN_TOKEN`, paste the deployment’s value, and run again');
  } else {
    try {
      const res = await get(`${base}/api/admin/status`, {
        method: options.testCode ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${options.adminToken}`, ...(options.testCode ? { 'content-type': 'application/json' } : {}) },
        ...(options.testCode ? { body: JSON.stringify({ test_event_code: options.testCode }) } : {}),
      });
      const body = (await res.json().catch(() => undefined)) as (StatusAnswer & { message?: string }) | undefined;
      if (res.status === 200 && body?.env) status = body;
      else if (res.status === 401) add('env', 'fail', `the deployment refused ADMIN_TOKEN: ${body?.message ?? 'unauthorized'}`);
      else add('env', 'fail', `GET /api/admin/status answered ${res.status}: deploy a version of capi-relay that has it`);
    } catch (error) {
      add('env', 'fail', `GET /api/admin/status failed (${describeError(error)})`);
    }
  }
  if (status) checkEnv(status, add);

  // 3. the widget files: scripts, importable from the site's origin
  const origin = siteOrigin ?? status?.config?.allowedOrigins[0];
  const widgetProblems: string[] = [];
  // behind a path proxy the chunks are same-origin and need no CORS
  const crossOrigin = origin !== new URL(base).origin;
  for (const file of WIDGET_FILES) {
    try {
      const res = await get(`${base}/${file}`, { headers: origin ? { origin } : {} });
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200) widgetProblems.push(`${file} answered ${res.status}`);
      else if (!/^(text|application)\/javascript\b/.test(type)) widgetProblems.push(`${file} is served as "${type}", not text/javascript`);
      else if (crossOrigin && res.headers.get('access-control-allow-origin') !== '*' && res.headers.get('access-control-allow-origin') !== origin) {
        widgetProblems.push(`${file} has no Access-Control-Allow-Origin for ${origin ?? 'the site'} (lazy chunks are imported cross-origin)`);
      }
      await res.body?.cancel();
    } catch (error) {
      widgetProblems.push(`${file}: ${describeError(error)}`);
    }
  }
  if (widgetProblems.length) add('widget', 'fail', widgetProblems.join('; '));
  else add('widget', 'ok', `${WIDGET_FILES.join(', ')} are served as JavaScript with CORS`);

  // 4. the tag on the site's page
  if (!options.site) add('tag', 'skip', 'pass --site https://www.example.com to check the page carries the tag');
  else {
    try {
      const res = await get(options.site, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; capi-relay-doctor)' } });
      const html = await res.text();
      add('tag', ...tagVerdict(html, options.site, base, status?.config?.pixelId ?? null));
    } catch (error) {
      add('tag', 'fail', `could not load ${options.site} (${describeError(error)})`);
    }
  }

  // 5. allowed origins include the site (and the relay answers its preflight)
  if (!origin) add('origins', 'skip', 'pass --site (or make the status readable) to check ALLOWED_ORIGINS');
  else {
    const listed = status?.config?.allowedOrigins;
    try {
      // the path the widget posts to: vercel.json's neutral name for /api/event
      const res = await get(`${base}/api/send`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      const echoed = res.headers.get('access-control-allow-origin');
      if (echoed === origin && (!listed || listed.includes(origin))) add('origins', 'ok', `${origin} may post events (CORS with credentials)`);
      else add('origins', 'fail', `ALLOWED_ORIGINS does not include ${origin}${listed ? ` (it has: ${listed.join(', ')})` : ''}: add the site's exact origin and redeploy`);
    } catch (error) {
      add('origins', 'fail', `preflight to ${base}/api/send failed (${describeError(error)})`);
    }
  }

  // 6. cookies for the site's domain
  if (!origin) add('cookies', 'skip', 'pass --site to check cookies can be set for the site');
  else add('cookies', ...(await cookieVerdict(get, base, origin)));

  // 7. the store, 8. Meta, 9. the sweeper's cron, 10. the Graph API version
  if (status) {
    const store = status.store;
    if (!store) add('store', 'fail', 'not checked: the configuration does not load (see env)');
    else if (!store.ok) add('store', 'fail', store.problem ?? 'the store did not answer');
    else if (store.kind !== 'upstash') add('store', 'fail', 'the relay runs on the embedded memory store: events are lost on restart; add Upstash Redis (Vercel → Storage → Upstash) and redeploy');
    else add('store', 'ok', 'Upstash Redis answers');

    const meta = status.meta;
    if (!meta) add('meta', 'fail', 'not checked: the configuration does not load (see env)');
    else if (!meta.ok) add('meta', 'fail', meta.problem ?? 'Meta refused');
    else if ('checked' in meta && meta.checked === 'test_event') add('meta', 'ok', `Meta accepted a test event for pixel ${status.config?.pixelId}: look for CapiRelayDoctor in Events Manager → Test events (${options.testCode})`);
    else add('meta', 'ok', `Meta accepts the token for pixel ${status.config?.pixelId} (read the pixel; no event sent)`);

    add('sweeper', ...(await sweeperVerdict(get, base, status)));
    add('graph-version', ...graphVersionVerdict(status.graphVersion, options.metaCapiDoc, now()));
  } else {
    for (const name of ['store', 'meta', 'sweeper', 'graph-version']) add(name, 'skip', 'needs the status endpoint (see env)');
  }
  return results;
}

type Verdict = [CheckResult['verdict'], string];

function checkEnv(status: StatusAnswer, add: (name: string, verdict: CheckResult['verdict'], message: string) => void): void {
  const invalid = Object.entries(status.env)
    .filter(([, v]) => !v.valid)
    .map(([name, v]) => `${name} ${v.problem ?? 'is invalid'}`);
  const missing = REQUIRED.filter((name) => !status.env[name]?.set);
  if (!STORE_PAIRS.some((pair) => pair.every((name) => status.env[name]?.set))) missing.push('KV_REST_API_URL/KV_REST_API_TOKEN (Upstash)');
  if (invalid.length || missing.length) {
    add('env', 'fail', [invalid.length ? `invalid: ${invalid.join('; ')}` : '', missing.length ? `missing: ${missing.join(', ')}` : ''].filter(Boolean).join(' — '));
  } else add('env', 'ok', 'every required variable is set and valid');

  if (status.testEventCode && status.vercelEnv === 'production') {
    add('test-code', 'fail', 'META_TEST_EVENT_CODE is set on PRODUCTION: every event goes to Test events and still counts — remove it and redeploy');
  } else if (status.testEventCode) add('test-code', 'ok', `META_TEST_EVENT_CODE is set on this ${status.vercelEnv ?? 'non-Vercel'} deployment (fine for testing; never on production)`);
  else add('test-code', 'ok', 'no META_TEST_EVENT_CODE');
}

/** Does `html` load w.js from the relay (or its path proxy), with the same pixel as the server? */
export function tagVerdict(html: string, pageUrl: string, relayBase: string, serverPixel: string | null): Verdict {
  const want = `${relayBase}/w.js`;
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (!src) continue;
    let resolved: string;
    try {
      resolved = new URL(src, pageUrl).href.split(/[?#]/)[0]!;
    } catch {
      continue;
    }
    if (resolved !== want) continue;
    const pixel = /\bdata-pixel-id\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    if (serverPixel && pixel && pixel !== serverPixel) return ['fail', `the tag's data-pixel-id ${pixel} differs from the server's META_PIXEL_ID ${serverPixel}: Meta cannot deduplicate them`];
    return ['ok', `${pageUrl} loads ${want}${pixel ? ` with data-pixel-id ${pixel}` : ''}`];
  }
  return ['fail', `${pageUrl} has no <script src="${want}">: paste the tag into the site's footer and publish (Webflow: publish the site)`];
}

async function cookieVerdict(get: (url: string, init?: RequestInit) => Promise<Response>, base: string, origin: string): Promise<Verdict> {
  const relayHost = new URL(base).hostname;
  if (/\.vercel\.app$/i.test(relayHost)) return ['fail', `${relayHost} is a vercel.app address: cookies can only be first-party on the site's own domain; add t.<your domain> in Vercel → Domains`];
  try {
    const res = await get(`${base}/api/ids`, { method: 'POST', headers: { origin, 'content-type': 'text/plain;charset=UTF-8' }, body: '{}' });
    const body = (await res.json().catch(() => undefined)) as { cookies?: string } | undefined;
    if (res.status === 403) return ['fail', `the relay refused ${origin} (403): fix ALLOWED_ORIGINS first`];
    if (body?.cookies !== 'server') {
      return ['fail', `${relayHost} cannot set cookies for ${new URL(origin).hostname}: put the relay on a subdomain of the site's own domain (e.g. t.${new URL(origin).hostname.replace(/^www\./, '')}) or set COOKIE_DOMAIN`];
    }
    const domain = res.headers.getSetCookie().map((c) => /;\s*Domain=([^;]+)/i.exec(c)?.[1]).find(Boolean);
    return ['ok', `the relay sets first-party cookies for ${domain ?? relayHost}${new URL(base).pathname === '/' ? ' (Safari keeps them 7 days on a subdomain; see the Domain guide)' : ''}`];
  } catch (error) {
    return ['fail', `POST /api/ids failed (${describeError(error)})`];
  }
}

async function sweeperVerdict(get: (url: string, init?: RequestInit) => Promise<Response>, base: string, status: StatusAnswer): Promise<Verdict> {
  if (!status.config) return ['fail', 'not checked: the configuration does not load (see env)'];
  if (!status.config.cronSecret) return ['fail', 'CRON_SECRET is not set: Vercel Cron cannot call the sweeper, so events left pending are never retried'];
  try {
    const res = await get(`${base}/api/cron/sweep`);
    await res.body?.cancel();
    if (res.status === 401) return ['ok', 'the sweeper is deployed and closed to anyone without CRON_SECRET'];
    if (res.status === 404) return ['fail', 'no sweeper at /api/cron/sweep: deploy a capi-relay version with it (and its cron in vercel.json)'];
    return ['fail', `GET /api/cron/sweep without CRON_SECRET answered ${res.status}, expected 401`];
  } catch (error) {
    return ['fail', `GET /api/cron/sweep failed (${describeError(error)})`];
  }
}

function graphVersionVerdict(version: string, doc: string, now: number): Verdict {
  const verdict = versionVerdict(version, readVersionTable(doc), now);
  return [verdict.ok ? 'ok' : 'fail', verdict.message];
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return error.name === 'TimeoutError' ? 'no answer within 10 s' : detail ? `${error.message}: ${detail}` : error.message;
  }
  return 'unknown error';
}

/** The report as printed: one line per check, then a summary. */
export function formatReport(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const mark = { ok: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;
  const lines = results.map((r) => `${mark[r.verdict]}  ${r.name.padEnd(width)}  ${r.message}`);
  const failed = results.filter((r) => r.verdict === 'fail').length;
  lines.push(failed ? `\n${failed} check(s) failed.` : '\nAll checks passed.');
  return lines.join('\n');
}
