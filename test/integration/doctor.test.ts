import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../scripts/dev-server.js';
import { runDoctor, type CheckResult, type DoctorOptions } from '../../scripts/doctor/checks.js';
import { main } from '../../scripts/doctor/cli.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { loopbackFetch } from '../support/loopback-fetch.js';
import { redisAvailableOrSkip } from '../support/redis.js';
import { testCertificate } from '../support/tls.js';

// `capi-relay doctor` against the local server over HTTPS on the README topology (site on
// www.example.test, relay on t.example.test; every name resolves to loopback), the fake Graph
// API and the Upstash bridge over real Redis. Every check passes on a complete deployment and
// fails, with its message, on the deployment that gets it wrong.
const ROOT = resolve(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/meta-capi.md'), 'utf8');
const ADMIN = 'doctor-admin-token-0123456789abcdef';
const SALT = 'doctor-consent-salt-0123456789';
const CRON = 'doctor-cron-secret-0123456789';

// A deployment from before the sweeper: its host answers /api/cron/sweep with 404, as a relay
// without that route does; every other host reaches the real local server.
const http = loopbackFetch((url) =>
  url.hostname === 'sweeperless.example.test' && url.pathname.endsWith('/api/cron/sweep') ? new Response('{"error":"not_found"}', { status: 404 }) : undefined,
);

let graph: FakeGraph;
let bridge: UpstashBridge | undefined;
let good: DevServer;
let bad: DevServer;
let site: Server;
let sitePort: number;
let pages: Record<string, string>;
let redisUp = false;

const siteOrigin = () => `https://www.example.test:${sitePort}`;
const relayUrl = (dev: DevServer, host = 't.example.test') => `https://${host}:${dev.port}`;
const tag = (dev: DevServer, pixel: string) => `<script src="${relayUrl(dev)}/w.js" data-pixel-id="${pixel}" defer></script>`;

beforeAll(async () => {
  redisUp = await redisAvailableOrSkip('doctor');
  const tls = testCertificate();
  pages = {};
  // the site: its pages, and under /t/ a path proxy that serves the widget as text/plain (a misconfigured host)
  site = createServer(tls, (req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/t/')) {
      void http(`${relayUrl(good)}${path.slice(2)}`, { method: req.method ?? 'GET' }).then(async (answer) => {
        const headers = Object.fromEntries(answer.headers);
        if (path.endsWith('.js')) headers['content-type'] = 'text/plain';
        res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
      });
      return;
    }
    const page = pages[path];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html' }).end(page ?? 'not found');
  });
  await new Promise<void>((ok) => site.listen(0, '127.0.0.1', ok));
  sitePort = (site.address() as AddressInfo).port;
  graph = await startFakeGraph();
  const meta = { META_PIXEL_ID: graph.pixelId, META_GRAPH_URL: graph.url };
  if (redisUp) bridge = await startUpstashBridge();
  good = await startDevServer({
    port: 0,
    tls,
    env: {
      ...meta,
      META_ACCESS_TOKEN: graph.accessToken,
      ALLOWED_ORIGINS: siteOrigin(),
      ADMIN_TOKEN: ADMIN,
      CRON_SECRET: CRON,
      CONSENT_ID_SALT: SALT,
      ...(bridge ? { KV_REST_API_URL: bridge.url, KV_REST_API_TOKEN: bridge.token, REDIS_PREFIX: `doctor${process.pid}:` } : {}),
    },
  });
  pages['/'] = `<html><body><h1>Site</h1>${tag(good, graph.pixelId)}</body></html>`;
  pages['/no-tag'] = '<html><body>nothing pasted</body></html>';
  pages['/other-pixel'] = `<html><body>${tag(good, '999999999')}</body></html>`;
});

afterAll(async () => {
  await Promise.all([graph?.close(), bridge?.close(), new Promise((ok) => site?.close(ok))]);
});

const run = (overrides: Partial<DoctorOptions> = {}) =>
  runDoctor({ url: relayUrl(good), site: `${siteOrigin()}/`, adminToken: ADMIN, metaCapiDoc: DOC, fetch: http, ...overrides });
const byName = (results: CheckResult[], name: string) => results.find((r) => r.name === name)!;

describe('capi-relay doctor on a complete deployment', () => {
  it('passes every check, one line each, and exits 0', async (ctx) => {
    if (!redisUp) ctx.skip();
    const results = await run();
    expect(results.map((r) => [r.name, r.verdict])).toEqual([
      ['deployment', 'ok'],
      ['env', 'ok'],
      ['test-code', 'ok'],
      ['widget', 'ok'],
      ['tag', 'ok'],
      ['origins', 'ok'],
      ['cookies', 'ok'],
      ['store', 'ok'],
      ['meta', 'ok'],
      ['sweeper', 'ok'],
      ['graph-version', 'ok'],
    ]);
    expect(byName(results, 'cookies').message).toMatch(/^the relay sets first-party cookies for example\.test/);
    expect(byName(results, 'meta').message).toBe(`Meta accepts the token for pixel ${graph.pixelId} (read the pixel; no event sent)`);
    expect(byName(results, 'graph-version').message).toMatch(/^Graph API v26\.0 has no end date yet/);
    const out: string[] = [];
    const code = await main(['doctor', '--url', relayUrl(good), '--site', `${siteOrigin()}/`], { ADMIN_TOKEN: ADMIN }, (t) => out.push(t), http);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/All checks passed\.$/);
    expect(out.join('\n')).not.toContain(ADMIN);
  });

  it('with --test-code sends one test event and says where to see it', async () => {
    graph.reset();
    const results = await run({ testCode: 'TEST9' });
    expect(byName(results, 'meta')).toMatchObject({ verdict: 'ok', message: expect.stringMatching(/CapiRelayDoctor in Events Manager → Test events \(TEST9\)$/) });
    expect(graph.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('each check fails with a plain message (deployments that get one thing wrong)', () => {
  it('deployment: nothing answers, or something that is not the relay', async () => {
    const closed = await runDoctor({ url: 'https://t.example.test:1', metaCapiDoc: DOC, fetch: http });
    expect(closed).toEqual([{ name: 'deployment', verdict: 'fail', message: expect.stringMatching(/^https:\/\/t\.example\.test:1 does not answer \(fetch failed: ECONNREFUSED\)/) }]);
    const notRelay = await runDoctor({ url: siteOrigin(), metaCapiDoc: DOC, fetch: http });
    expect(byName(notRelay, 'deployment').message).toBe(`${siteOrigin()}/api/config answered 404: is this the relay's URL?`);
  });

  it('env: no ADMIN_TOKEN in the shell, or a wrong one', async () => {
    expect(byName(await run({ adminToken: undefined }), 'env').message).toMatch(/^ADMIN_TOKEN is not set in this shell/);
    expect(byName(await run({ adminToken: 'y'.repeat(40) }), 'env').message).toBe('the deployment refused ADMIN_TOKEN: send Authorization: Bearer <ADMIN_TOKEN>');
  });

  it('sweeper: no sweeper deployed', async () => {
    const none = byName(await run({ url: relayUrl(good, 'sweeperless.example.test') }), 'sweeper');
    expect(none.message).toBe('no sweeper at /api/cron/sweep: deploy a capi-relay version with it (and its cron in vercel.json)');
  });

  it('widget: chunks served with the wrong type (a misconfigured path proxy)', async () => {
    const widget = byName(await run({ url: `${siteOrigin()}/t` }), 'widget');
    expect(widget.verdict).toBe('fail');
    expect(widget.message).toMatch(/^w\.js is served as "text\/plain", not text\/javascript; wd\.js is served as "text\/plain"/);
  });

  it('tag: the page has no tag, or one with another pixel', async () => {
    expect(byName(await run({ site: `${siteOrigin()}/no-tag` }), 'tag').message).toBe(
      `${siteOrigin()}/no-tag has no <script src="${relayUrl(good)}/w.js">: paste the tag into the site's footer and publish (Webflow: publish the site)`,
    );
    expect(byName(await run({ site: `${siteOrigin()}/other-pixel` }), 'tag').message).toMatch(/data-pixel-id 999999999 differs from the server's META_PIXEL_ID/);
  });

  it('cookies: the relay is not on the site’s domain, or on vercel.app', async () => {
    const other = byName(await run({ url: relayUrl(good, 't.elsewhere.test') }), 'cookies');
    expect(other.message).toBe(`t.elsewhere.test cannot set cookies for www.example.test: put the relay on a subdomain of the site's own domain (e.g. t.example.test) or set COOKIE_DOMAIN`);
    const vercel = byName(await run({ url: `https://capi-relay.vercel.app:${good.port}` }), 'cookies');
    expect(vercel.message).toMatch(/^capi-relay\.vercel\.app is a vercel\.app address/);
  });

  it('graph-version: the version the relay uses is near its end of life in docs/meta-capi.md §6', async () => {
    const soon = DOC.replace('| v26.0 | 2026-07-29 | two years after v27.0 is released |', '| v26.0 | 2026-07-29 | 2027-01-15 |');
    const results = await run({ metaCapiDoc: soon, now: () => Date.parse('2026-12-06T00:00:00Z') });
    expect(byName(results, 'graph-version')).toEqual({
      name: 'graph-version',
      verdict: 'fail',
      message: 'Graph API v26.0 stops working on 2027-01-15 (in 40 days): update capi-relay and redeploy before then',
    });
  });

});

// The local server runs one process-wide runtime (setRuntime), so the broken deployment replaces the good one.
describe('each check fails with a plain message (a deployment that gets everything wrong)', () => {
  beforeAll(async () => {
    await good.close();
    bad = await startDevServer({
      port: 0,
      tls: testCertificate(),
      env: {
        META_PIXEL_ID: graph.pixelId,
        META_GRAPH_URL: graph.url,
        META_ACCESS_TOKEN: 'not-the-token',
        ALLOWED_ORIGINS: 'https://other.example.test',
        ADMIN_TOKEN: ADMIN,
        CONSENT_ID_SALT: SALT,
        META_TEST_EVENT_CODE: 'TEST1',
        VERCEL_ENV: 'production',
        // production refuses to start without a durable store; this one is named but never answers
        UPSTASH_REDIS_REST_URL: 'https://127.0.0.1:9',
        UPSTASH_REDIS_REST_TOKEN: 'unreachable-token',
      },
    });
  });

  it('env: missing variables', async () => {
    const env = byName(await run({ url: relayUrl(bad) }), 'env');
    expect(env).toEqual({ name: 'env', verdict: 'fail', message: 'missing: CRON_SECRET' });
  });

  it('test-code: a test code on production is loud', async () => {
    expect(byName(await run({ url: relayUrl(bad) }), 'test-code')).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/^META_TEST_EVENT_CODE is set on PRODUCTION/) });
  });

  it('origins: the site is not in ALLOWED_ORIGINS', async () => {
    expect(byName(await run({ url: relayUrl(bad) }), 'origins').message).toBe(
      `ALLOWED_ORIGINS does not include ${siteOrigin()} (it has: https://other.example.test): add the site's exact origin and redeploy`,
    );
  });

  it('store: named but not answering', async () => {
    expect(byName(await run({ url: relayUrl(bad) }), 'store')).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/^the store did not answer/) });
  });

  it('meta: Meta rejects the token', async () => {
    expect(byName(await run({ url: relayUrl(bad) }), 'meta').message).toMatch(/^Meta rejected META_ACCESS_TOKEN \(code 190/);
  });

  it('sweeper: no CRON_SECRET', async () => {
    expect(byName(await run({ url: relayUrl(bad) }), 'sweeper').message).toMatch(/^CRON_SECRET is not set: Vercel Cron cannot call the sweeper/);
  });

  it('exits 1 when a check fails and 2 on bad arguments', async () => {
    const out: string[] = [];
    expect(await main(['doctor', '--url', relayUrl(bad)], { ADMIN_TOKEN: ADMIN }, (t) => out.push(t), http)).toBe(1);
    expect(out.join('\n')).toMatch(/^FAIL +env +missing: CRON_SECRET/m);
    expect(await main(['doctor'], {}, (t) => out.push(t))).toBe(2);
    expect(out.at(-1)).toMatch(/^--url is required/);
    expect(await main(['doctor', '--url', 't.example.com'], {}, (t) => out.push(t))).toBe(2);
    expect(out.at(-1)).toBe('--url must be a full URL like https://t.example.com (got "t.example.com")');
  });

});

// Outside production the relay may run on the embedded store; the doctor says what that costs.
describe('a preview deployment on the embedded memory store', () => {
  let preview: DevServer;
  beforeAll(async () => {
    await bad.close();
    preview = await startDevServer({ port: 0, tls: testCertificate(), env: { META_PIXEL_ID: graph.pixelId, META_GRAPH_URL: graph.url, META_ACCESS_TOKEN: graph.accessToken, ADMIN_TOKEN: ADMIN, VERCEL_ENV: 'preview' } });
  });
  afterAll(() => preview?.close());

  it('store: the embedded memory store', async () => {
    expect(byName(await run({ url: relayUrl(preview) }), 'store').message).toMatch(/^the relay runs on the embedded memory store: events are lost on restart/);
  });
});

describe('the published entry points', () => {
  it('bin/capi-relay.js (npx capi-relay) runs the CLI and exits 2 with the usage on bad arguments', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/capi-relay.js'), 'doctor'], { encoding: 'utf8', env: { ...process.env, ADMIN_TOKEN: '' } });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^--url is required\n\nusage: capi-relay doctor --url https:\/\/t\.example\.com/);
  });

  it('package.json names the bin and the npm run doctor script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['capi-relay']).toBe('bin/capi-relay.js');
    expect(pkg.scripts['doctor']).toBe('tsx scripts/doctor/cli.ts doctor');
  });
});
