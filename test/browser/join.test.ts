import { createHash } from 'node:crypto';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { startFakeToolApis, type FakeToolApis } from '../fakes/tool-apis.js';
import { startUpstashBridge, type UpstashBridge } from '../fakes/upstash-bridge.js';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { redisAvailableOrSkip } from '../support/redis.js';
import { liveRelayEnv, startHarness, TEST_PIXEL_ID, type Harness } from './harness.js';

/**
 * Issue #14 end to end, as a site runs it: the page on https://www.example.test with the snippet from
 * https://t.example.test, a Typeform embed at Typeform's own host (https://form.typeform.com, served by
 * request interception), real Redis behind the relay, the fake Graph API and the fake Typeform API.
 * The embed reports a submission (ids only); the relay keeps the browser half waiting; the visitor's
 * e-mail comes later from Typeform's API, found by the sweeper; Meta gets ONE event with the Pixel's id.
 */
const run = chromiumAvailableOrSkip('iframe join (browser)') && (await redisAvailableOrSkip('iframe join (browser)'));

const FORM = 'Join1';
const RESPONSE = 'resp-join-1';
const CRON_SECRET = 'cron-secret-for-the-join-test';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Typeform's form page as far as the widget sees it: it speaks to its parent with "*" as the embed SDK
 * does, reports the submission with ids only, and keeps the hidden fields it was given in its URL hash.
 */
const TYPEFORM_PAGE = `<!doctype html><button id="submit">Submit</button><script>
  function say(message) { parent.postMessage(Object.assign({ embedId: 'e1', formId: '${FORM}' }, message), '*'); }
  addEventListener('message', function (e) { if (e.data === 'talk') say({ type: 'form-height-changed', height: 420 }); });
  document.getElementById('submit').onclick = function () { say({ type: 'form-submit', responseId: '${RESPONSE}' }); };
</script>`;

describe.runIf(run)('iframe join in Chromium, README topology, real Redis', () => {
  let h: Harness;
  let graph: FakeGraph;
  let tools: FakeToolApis;
  let bridge: UpstashBridge;
  let clockShiftMs = 0;

  beforeAll(async () => {
    graph = await startFakeGraph({ pixelId: TEST_PIXEL_ID, accessToken: CANARY.accessToken });
    tools = await startFakeToolApis();
    bridge = await startUpstashBridge();
    h = await startHarness({
      env: {
        ...liveRelayEnv(graph, bridge, 'join-e2e'),
        TYPEFORM_API_TOKEN: tools.token,
        TOOL_API_BASE: new URL(tools.base('typeform')).origin,
        CRON_SECRET,
      },
    });
    // the relay's clock, moved forward by the test to reach the sweeper's looks (30 s, 2 min, 10 min)
    h.api.runtime.now = () => Date.now() + clockShiftMs;
  });
  afterAll(async () => {
    await h?.close();
    await graph?.close();
    await tools?.close();
    await bridge?.close();
  });

  /** What Vercel Cron does: GET /api/cron/sweep on the relay's host with the cron secret. */
  const cronSweep = () =>
    new Promise<number>((ok, fail) => {
      const relay = new URL(h.relayUrl);
      https
        .get(
          { host: '127.0.0.1', port: relay.port, path: '/api/cron/sweep', servername: relay.hostname, rejectUnauthorized: false, headers: { host: relay.host, authorization: `Bearer ${CRON_SECRET}` } },
          (res) => res.resume().once('end', () => ok(res.statusCode ?? 0)),
        )
        .once('error', fail);
    });
  const atMeta = () => graph.requests.flatMap((r) => ((r.body as { data?: Record<string, any>[] }).data ?? []));

  test('a Typeform submission waits for its details, the sweeper finds them in the API, and Meta gets one event with the Pixel id', async () => {
    h.page('/book', `<h1>Book a call</h1><div data-tf-widget="${FORM}"><iframe id="tf" src="https://form.typeform.com/to/${FORM}#utm_source=ad"></iframe></div>{{widget}}`);
    const context = await h.newContext();
    await context.route('https://form.typeform.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: TYPEFORM_PAGE }));
    const w = await h.open('/book?fbclid=IwAR0JoinTest', { context });
    await w.waitForCookie('_fbc');
    await w.waitForCookie('_fbp');

    // the SDK keeps talking (height, screens); a message once w.js listens loads the detection chunk
    await w.page.waitForFunction(() => typeof (window as { capiRelay?: { track?: unknown } }).capiRelay?.track == 'function');
    const talk = () => w.page.evaluate(() => document.querySelector<HTMLIFrameElement>('#tf, iframe')!.contentWindow!.postMessage('talk', '*'));
    await talk();
    const carried = (): string | undefined => w.page.frames().map((f) => /[#&]event_id=([0-9a-f-]{36})/.exec(f.url())?.[1]).find(Boolean);
    await expect.poll(carried, { timeout: 15_000 }).toMatch(/^[0-9a-f-]{36}$/);
    const eventId = carried()!;
    // putting the id in the hash re-inserts the frame (a hash change alone does not reload it): find it anew
    await w.page.frameLocator(`iframe[src*="event_id=${eventId}"]`).locator('#submit').click();

    const [browserHalf] = await w.waitForEvents(1);
    expect(browserHalf).toMatchObject({ event_id: eventId, source: { tool: 'typeform', form: FORM, submission_id: RESPONSE } });
    expect(Object.keys(browserHalf!['user'] ?? {})).toEqual([]); // the embed told the page ids only
    expect(await w.pixelEventIds()).toEqual([eventId]);
    await expect.poll(async () => (await h.storedEvent(eventId))?.state, { timeout: 10_000 }).toBe('waiting');
    const waiting = (await h.storedEvent(eventId))!;
    expect(waiting.join).toMatchObject({ via: 'typeform', browser: { from: 'widget' }, looks: 0 });
    expect(atMeta()).toEqual([]);

    // Typeform has the response (with the hidden event_id it was given) but indexes it late: the first look misses
    tools.put(
      'typeform',
      RESPONSE,
      {
        response_id: RESPONSE,
        token: RESPONSE,
        submitted_at: new Date(waiting.received_at).toISOString(),
        hidden: { event_id: eventId },
        answers: [{ type: 'email', email: CANARY.email, field: { ref: 'email', type: 'email' } }],
      },
      1,
    );
    clockShiftMs = 31_000;
    expect(await cronSweep()).toBe(200);
    await expect.poll(async () => (await h.storedEvent(eventId))?.join?.looks).toBe(1);
    expect((await h.storedEvent(eventId))?.state).toBe('waiting');
    expect(atMeta()).toEqual([]);

    clockShiftMs = 121_000;
    expect(await cronSweep()).toBe(200);
    await expect.poll(async () => (await h.storedEvent(eventId))?.state, { timeout: 10_000 }).toBe('sent');
    expect((await h.storedEvent(eventId))?.join).toMatchObject({ outcome: 'joined', browser: { from: 'widget' }, details: { from: 'api' } });

    const jar = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
    const userAgent = await w.page.evaluate(() => navigator.userAgent);
    expect(atMeta()).toHaveLength(1);
    expect(atMeta()[0]).toMatchObject({
      event_name: 'Lead',
      event_id: eventId, // the Pixel's eventID: Meta deduplicates the two
      event_time: waiting.event_time, // the submission, not the join two minutes later
      action_source: 'website',
      // the browser half's click ids and user agent (its IP here is loopback, which is never sent;
      // test/integration/join.test.ts checks a public one)
      user_data: { em: [sha256(CANARY.email.trim().toLowerCase())], fbc: jar['_fbc'], fbp: jar['_fbp'], client_user_agent: userAgent },
    });
    expect(waiting.event_time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));

    // later sweeps and the same record asked again change nothing
    clockShiftMs = 700_000;
    expect(await cronSweep()).toBe(200);
    expect(atMeta()).toHaveLength(1);
    expect(tools.requests.filter((r) => r.url.includes(tools.token))).toEqual([]);
    await context.close();
  });
});
