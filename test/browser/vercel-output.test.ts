import { createHash, createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { redisAvailableOrSkip } from '../support/redis.js';
import { liveRelayEnv, startHarness, TEST_PIXEL_ID, VERCEL_OUTPUT, type Harness } from './harness.js';

/**
 * The deployment as Vercel builds it: `.vercel/output` from `vercel build`
 * (scripts/test.sh), its static files and each function's own bundle served
 * with the routes and headers of its config.json, in the README's topology
 * (page https://www.example.test, relay https://t.example.test), against real
 * Redis (the Upstash REST bridge) and the fake Graph API. What the source-level
 * browser tests cannot prove: vercel.json's headers and the traced bundles.
 */
const JOIN_WEBHOOK_SECRET = 'typeform-build-output-secret';
const JOIN_IDENTIFY_SECRET = 'identify-build-output-secret-0000';
const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const run = chromiumAvailableOrSkip('vercel build output (browser)') && (await redisAvailableOrSkip('vercel build output (browser)'));

describe.runIf(run)("Vercel's build output in the README topology", () => {
  let h: Harness;
  let graph: FakeGraph;
  let bridge: UpstashBridge;

  beforeAll(async () => {
    graph = await startFakeGraph({ pixelId: TEST_PIXEL_ID, accessToken: CANARY.accessToken });
    bridge = await startUpstashBridge();
    h = await startHarness({
      relay: 'vercel-output',
      env: {
        ...liveRelayEnv(graph, bridge, 'e2e'),
        ADMIN_TOKEN: CANARY.adminToken,
        TYPEFORM_WEBHOOK_SECRET: JOIN_WEBHOOK_SECRET,
        IDENTIFY_SECRET: JOIN_IDENTIFY_SECRET,
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await graph?.close();
    await bridge?.close();
  });

  /** GET from the relay as a browser on the page would ask (its Host, an Origin), over TLS to loopback. */
  const get = (path: string) =>
    new Promise<{ status: number; headers: Record<string, unknown> }>((ok, fail) => {
      const relay = new URL(h.relayUrl);
      const headers = { host: relay.host, origin: h.pageOrigin };
      https
        .get({ host: '127.0.0.1', port: relay.port, path, headers, servername: relay.hostname, rejectUnauthorized: false }, (res) => {
          res.resume().once('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers }));
        })
        .once('error', fail);
    });

  /** POST to the relay over TLS to loopback, as a server (a tool's webhook, a backend) or the page's fetch would. */
  const post = (path: string, body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((ok, fail) => {
      const relay = new URL(h.relayUrl);
      const request = https.request(
        { method: 'POST', host: '127.0.0.1', port: relay.port, path, servername: relay.hostname, rejectUnauthorized: false, headers: { host: relay.host, ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).once('end', () => ok({ status: res.statusCode ?? 0, body: text }));
        },
      );
      request.once('error', fail).end(body);
    });

  test('/admin: the page from the build output, no-store with a strict CSP; the token typed once opens the log', async () => {
    const shell = await get('/admin');
    expect(shell.status).toBe(200);
    expect(String(shell.headers['content-type'])).toMatch(/^text\/html/);
    expect(shell.headers['cache-control']).toBe('no-store');
    expect(String(shell.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect((await get('/api/admin/log')).status).toBe(401);

    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.relayUrl}/admin`);
    await page.getByLabel(/Admin token/).fill(CANARY.adminToken);
    await page.getByRole('button', { name: 'Open the log' }).click();
    await page.getByRole('table', { name: 'Events', exact: true }).waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(`${h.relayUrl}/admin`);
    await context.close();
  });

  test('w.js and every lazy chunk: JavaScript, readable from any origin, cached as vercel.json says', async () => {
    for (const file of ['/w.js', '/wd.js', '/wc.js', '/banner.js', '/wr.js']) {
      const { status, headers } = await get(file);
      expect({ file, status }).toEqual({ file, status: 200 });
      expect(headers).toMatchObject({
        'content-type': 'text/javascript; charset=utf-8',
        'access-control-allow-origin': '*',
        'x-content-type-options': 'nosniff',
        'cache-control': expect.stringContaining('max-age=300'),
      });
    }
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  test('one form → one event at the fake Graph API, with the id the Pixel got; /api/ids set the cookies on example.test', async () => {
    const w = await h.open('/forms/html/ajax.html?fbclid=IwAR0VercelBuild');
    await w.waitForCookie('_fbc');
    const jar = Object.fromEntries((await w.context.cookies()).map((c) => [c.name, c]));
    expect(jar['_fbc']).toMatchObject({ domain: '.example.test', httpOnly: false, secure: true });
    expect(jar['_fbp']).toMatchObject({ domain: '.example.test', httpOnly: false, secure: true });
    expect(jar['_cr_fbp']).toMatchObject({ value: jar['_fbp']!.value, httpOnly: true });

    await w.page.fill('#name', CANARY.firstName);
    await w.page.fill('#email', CANARY.email);
    await w.page.fill('#phone', CANARY.phone);
    await w.page.click('button[type=submit]');
    const [event] = await w.waitForEvents(1);
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);

    // this form's event only: other tests of the file send their own through the same fake
    const atMeta = () =>
      graph.requests.flatMap((r) =>
        ((r.body as { data?: Record<string, any>[] }).data ?? []).filter((e) => e['event_id'] === event!.event_id).map((e) => ({ status: r.status, e })),
      );
    await expect.poll(() => atMeta().length, { timeout: 10_000 }).toBe(1);
    const [{ status, e }] = atMeta() as [{ status: number; e: Record<string, any> }];
    expect(status).toBe(200);
    expect(e).toMatchObject({
      event_name: 'Lead',
      event_id: event!.event_id,
      action_source: 'website',
      user_data: { fbc: jar['_fbc']!.value, fbp: jar['_fbp']!.value, em: [expect.stringMatching(/^[0-9a-f]{64}$/)] },
    });
    await expect.poll(async () => (await h.storedEvent(event!.event_id))?.state).toBe('sent');
    await w.context.close();
  });

  test('an opt-in visitor gets the banner, loaded from the relay', async () => {
    const w = await h.open('/forms/html/ajax.html', { country: 'DE' });
    const banner = w.page.waitForResponse((r) => r.url() === `${h.relayUrl}/banner.js` && r.ok());
    await w.page.waitForSelector('#capi-relay-consent', { state: 'attached', timeout: 15_000 });
    await banner;
    await expect.poll(() => w.page.locator('#capi-relay-consent').getByRole('button', { name: 'Accept' }).isVisible()).toBe(true);
    await w.context.close();
  });

  test('the iframe join through the built functions: /api/hooks/typeform (dynamic route) and /api/identify, one event each', async () => {
    const eventsFor = (id: string) => graph.requests.flatMap((r) => ((r.body as { data?: Record<string, any>[] }).data ?? []).filter((e) => e.event_id === id));
    const browserHalf = (eventId: string, extra: Record<string, unknown>) =>
      post('/api/send', JSON.stringify({ event_id: eventId, event_source_url: `${h.pageOrigin}/contact`, consent: { ads: 'granted', gpc: false }, ...extra }), {
        origin: h.pageOrigin,
        'content-type': 'text/plain;charset=UTF-8',
        'user-agent': BROWSER_UA,
      });

    const eventId = crypto.randomUUID();
    const webhook = JSON.stringify({
      event_type: 'form_response',
      form_response: { form_id: 'tf1', token: 'resp-build', hidden: { event_id: eventId }, answers: [{ type: 'email', email: CANARY.email, field: { ref: 'email', type: 'email' } }] },
    });
    const signature = `sha256=${createHmac('sha256', JOIN_WEBHOOK_SECRET).update(webhook).digest('base64')}`;
    expect((await post('/api/hooks/typeform', webhook, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post('/api/hooks/typeform', webhook, { 'content-type': 'application/json', 'typeform-signature': 'sha256=AAAA' })).status).toBe(401);
    const parked = await post('/api/hooks/typeform', webhook, { 'content-type': 'application/json', 'typeform-signature': signature });
    expect([parked.status, JSON.parse(parked.body)]).toEqual([200, { status: 'parked' }]);
    const joined = await browserHalf(eventId, { source: { tool: 'typeform', form: 'tf1', submission_id: 'resp-build' } });
    expect(JSON.parse(joined.body)).toMatchObject({ event_id: eventId, status: 'sent' });
    expect(eventsFor(eventId)).toEqual([expect.objectContaining({ user_data: expect.objectContaining({ em: [sha256(CANARY.emailNormalized)], client_user_agent: BROWSER_UA }) })]);

    const pendingId = crypto.randomUUID();
    expect(JSON.parse((await browserHalf(pendingId, { pending: true })).body)).toMatchObject({ status: 'waiting' });
    const identify = (auth?: string) => post('/api/identify', JSON.stringify({ event_id: pendingId, email: CANARY.email }), { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) });
    expect((await identify()).status).toBe(401);
    const done = await identify(`Bearer ${JOIN_IDENTIFY_SECRET}`);
    expect([done.status, JSON.parse(done.body)]).toEqual([200, { event_id: pendingId, status: 'joined', state: 'sent' }]);
    expect(eventsFor(pendingId)).toHaveLength(1);
  });
});

/** The `.func` folders under `dir` (admin/…, cron/…, hooks/… included), relative to it. */
function funcFolders(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const path = join(dir, entry.name);
    return entry.name.endsWith('.func') ? [relative(root, path)] : funcFolders(path, root);
  });
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name), root) : [relative(root, join(dir, entry.name))],
  );
}

// scripts/bundle-functions.ts: what a cold start loads is the route file and its function's one
// bundled module; no source module, chunk or package is traced in beside them, only
// libphonenumber's metadata, which phone.ts reads as a file on the first number that needs it,
// and the lazy parts (`#lazy/…`) the bundle imports, each its own module loaded on first need.
describe.runIf(existsSync(join(VERCEL_OUTPUT, 'functions/api')))('the functions Vercel traced', () => {
  const functions = existsSync(join(VERCEL_OUTPUT, 'functions/api')) ? funcFolders(join(VERCEL_OUTPUT, 'functions/api')) : [];

  test.each(functions)('%s ships its route file, its one bundled module and its lazy parts only', (func) => {
    const files = filesUnder(join(VERCEL_OUTPUT, 'functions/api', func)).filter((f) => !f.endsWith('.map'));
    const name = func.replace(/\.func$/, '');
    const bundle = readFileSync(join(VERCEL_OUTPUT, 'functions/api', func, `api/_bundle/functions/${name}.mjs`), 'utf8');
    const lazyParts = [...new Set([...bundle.matchAll(/\bimport\("#lazy\/([^"]+)"\)/g)].map(([, part]) => `api/_bundle/lazy/${part}.mjs`))];
    const unbundled = files.filter((f) => !/^node_modules\/libphonenumber-js\/(package\.json|metadata\.min\.json(\.js)?)$/.test(f));
    expect(unbundled.sort()).toEqual(['.vc-config.json', `api/${name}.js`, `api/_bundle/functions/${name}.mjs`, 'package.json', ...lazyParts].sort());
  });

  // Vercel's file tracing finds the metadata through a createRequire() call only while the bundle
  // names it in a form the tracer follows (it loses it when esbuild renames the createRequire
  // import); a function that reads it and ships without it answers a national phone number with a 500.
  test.each(functions)('%s ships libphonenumber\'s metadata when one of its modules reads it', (func) => {
    const dir = join(VERCEL_OUTPUT, 'functions/api', func);
    const modules = filesUnder(join(dir, 'api/_bundle')).filter((f) => f.endsWith('.mjs'));
    const reads = modules.some((f) => readFileSync(join(dir, 'api/_bundle', f), 'utf8').includes('libphonenumber-js/metadata.min.json'));
    expect(reads ? existsSync(join(dir, 'node_modules/libphonenumber-js/metadata.min.json')) : 'not read').toBe(reads ? true : 'not read');
  });

  test('event.func parses a national number outside North America with libphonenumber from its lazy part, in a fresh process', () => {
    const func = join(VERCEL_OUTPUT, 'functions/api/event.func');
    const body = JSON.stringify({ event_id: crypto.randomUUID(), event_source_url: 'https://www.example.test/contact', user: { email: 'lead@example.test', phone: '07700 900123', country: 'GB' }, consent: { ads: 'granted', gpc: false } });
    const script = `const m = await import(${JSON.stringify(pathToFileURL(join(func, 'api/event.js')).href)});
      const res = await m.POST(new Request('https://t.example.test/api/event', { method: 'POST', headers: { origin: 'https://www.example.test', 'content-type': 'text/plain', 'user-agent': ${JSON.stringify(BROWSER_UA)} }, body: ${JSON.stringify(body)} }));
      process.stderr.write(JSON.stringify({ status: res.status, body: await res.json() }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: func, env: { PATH: process.env['PATH'] ?? '', ALLOWED_ORIGINS: 'https://www.example.test' } });
    const answer = JSON.parse(run.stderr.toString()) as { status: number; body: { status: string } };
    expect(answer).toMatchObject({ status: 200, body: { status: 'sent' } });
    // The dry-run sender names the user_data keys it would send: the phone is among them.
    expect(run.stdout.toString()).toMatch(/would send Lead [\w-]+ user_data keys \[[^\]]*\bph\b/);
  });

  test('event.func answers a body the plain reader refuses with the schema\'s 400, from its lazy part', async () => {
    const func = join(VERCEL_OUTPUT, 'functions/api/event.func');
    expect(existsSync(join(func, 'api/_bundle/lazy/_pipeline/validate.mjs'))).toBe(true);
    // A fresh Node process, as Vercel runs the function: its own resolution of `#lazy/…` through the .func's package.json.
    const script = `const m = await import(${JSON.stringify(pathToFileURL(join(func, 'api/event.js')).href)});
      const res = await m.POST(new Request('https://t.example.test/api/event', { method: 'POST', headers: { origin: 'https://www.example.test', 'content-type': 'text/plain' }, body: '{"event_id":5}' }));
      process.stdout.write(JSON.stringify({ status: res.status, body: await res.json() }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: func, env: { PATH: process.env['PATH'] ?? '', ALLOWED_ORIGINS: 'https://www.example.test' } });
    expect(run.stderr.toString()).toBe('');
    const answer = JSON.parse(run.stdout.toString()) as { status: number; body: { error: string; issues: { path: string; message: string }[] } };
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_event');
    expect(answer.body.issues).toContainEqual({ path: 'event_id', message: 'must be a UUID (the Pixel eventID)' });
  });
});
