import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashConsentId } from '../../api/_pipeline/consent/proof.js';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, TEST_PIXEL_ID, type Harness, type WidgetPage } from './harness.js';

const run = chromiumAvailableOrSkip('consent (browser)');
/** Long enough for region lookup, the CMP grace period and a fetch; a refused flow must stay silent this long. */
const QUIET_MS = 2500;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/consent/pages/${name}`, import.meta.url), 'utf8');

/** Every request to Meta's CDN, and the parsed bodies of our /api/consent posts. */
function watchTraffic(w: WidgetPage) {
  const meta: string[] = [];
  w.page.on('request', (r) => r.url().startsWith('https://connect.facebook.net/') && meta.push(r.url()));
  return {
    meta,
    proofs: () => w.apiCalls.filter((c) => c.path === '/api/consent').map((c) => JSON.parse(c.body ?? '{}')),
  };
}

async function submitLead(w: WidgetPage): Promise<void> {
  await w.page.fill('#name', CANARY.firstName);
  await w.page.fill('#email', CANARY.email);
  await w.page.click('button[type=submit]');
  await w.page.waitForSelector('.form-success', { state: 'visible' });
}

async function bannerButton(w: WidgetPage, label: 'Accept' | 'Reject') {
  await w.page.waitForSelector('#capi-relay-consent', { state: 'attached', timeout: 15_000 });
  return w.page.locator('#capi-relay-consent').getByRole('button', { name: label });
}

describe.runIf(run)('consent in Chromium (built w.js + banner.js + wc.js)', () => {
  let h: Harness;
  /** A context whose requests carry Vercel's geo header; none = unknown = opt-in. */
  const contextIn = (country?: string): Promise<BrowserContext> => h.newContext({ country: country ?? '' });

  beforeAll(async () => {
    h = await startHarness();
    h.page('/contact', fixture('contact.html').replace('{{cmp}}', ''));
    h.page('/contact-cookiebot', fixture('contact.html').replace('{{cmp}}', fixture('cookiebot-stub.html')));
  });
  afterAll(async () => {
    await h?.close();
  });

  test('opt-in visitor: banner shown, nothing loaded before the answer; Reject → no Meta request, no event', async () => {
    const w = await h.open('/contact', { context: await contextIn('DE') });
    const traffic = watchTraffic(w);
    const reject = await bannerButton(w, 'Reject');
    await submitLead(w); // a lead before the answer is held in memory only
    await reject.click();
    await sleep(QUIET_MS);
    expect(traffic.meta).toEqual([]);
    expect(w.events).toEqual([]);
    expect(w.apiCalls.map((c) => c.path)).not.toContain('/api/ids'); // no _fbc/_fbp either
    const [proof] = traffic.proofs();
    expect(proof).toEqual({ id: expect.any(String), ads: 'denied', source: 'banner', revision: '1', ts: expect.any(Number), lang: 'en', page: `${h.pageOrigin}/contact` });
    const stored = await h.api.runtime.proofs.listProofs(hashConsentId(proof.id, h.api.runtime.salt));
    expect(stored.map((p) => [p.decision, p.source])).toEqual([['denied', 'banner']]);
    // the refusal is remembered: the next page asks nothing and sends nothing
    const next = await h.open('/contact', { context: w.context });
    await sleep(QUIET_MS);
    expect(await next.page.locator('#capi-relay-consent').count()).toBe(0);
    expect(next.events).toEqual([]);
    await w.context.close();
  });

  test('Accept → the held lead is sent: Pixel and API event share one id; Pixel revoked before init, granted after', async () => {
    const w = await h.open('/contact', { context: await contextIn() });
    const traffic = watchTraffic(w);
    const accept = await bannerButton(w, 'Accept');
    const beforeSubmit = Date.now();
    await submitLead(w);
    await sleep(300);
    expect(traffic.meta).toEqual([]);
    expect(w.events).toEqual([]);
    const beforeAnswer = Date.now();
    await accept.click();
    const [event] = await w.waitForEvents(1);
    expect(event!.consent).toEqual({ ads: 'granted', gpc: false, source: 'banner', id: expect.any(String) });
    // the lead keeps the time it was made, not the time of the answer (same clock: one machine)
    expect(event!.event_time).toBeGreaterThanOrEqual(beforeSubmit);
    expect(event!.event_time).toBeLessThan(beforeAnswer);
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    const calls = (await w.fbqCalls()).map((c) => c.slice(0, 2).join(' '));
    expect(calls.indexOf('consent revoke')).toBeLessThan(calls.indexOf(`init ${TEST_PIXEL_ID}`));
    expect(calls.indexOf('consent grant')).toBeGreaterThan(calls.indexOf('consent revoke'));
    await expect.poll(() => h.storedEvent(event!.event_id).then((r) => r?.consent)).toMatchObject({ ads: 'granted', verdict: 'allowed' });
    expect(traffic.proofs().map((p) => p.ads)).toEqual(['granted']);
    await w.context.close();
  });

  test('GPC browser: no banner, no region lookup, no Pixel, no event, nothing at all', async () => {
    const w = await h.open('/contact', { gpc: true });
    const traffic = watchTraffic(w);
    await submitLead(w);
    await sleep(QUIET_MS);
    expect(await w.page.locator('#capi-relay-consent').count()).toBe(0);
    expect(traffic.meta).toEqual([]);
    expect(w.events).toEqual([]);
    expect(w.apiCalls).toEqual([]);
    await w.context.close();
  });

  test('opt-out region (US): no banner, events flow with no answer yet', async () => {
    const w = await h.open('/contact', { context: await contextIn('US') });
    await submitLead(w);
    const [event] = await w.waitForEvents(1);
    expect(event!.consent).toEqual({ ads: 'unknown', gpc: false, source: 'region' });
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    expect(await w.page.locator('#capi-relay-consent').count()).toBe(0);
    await w.context.close();
  });

  test('Cookiebot granting marketing: its answer is used, no banner of ours, events flow', async () => {
    const w = await h.open('/contact-cookiebot?marketing=yes', { context: await contextIn('FR') });
    const traffic = watchTraffic(w);
    await submitLead(w);
    const [event] = await w.waitForEvents(1);
    expect(event!.consent).toEqual({ ads: 'granted', gpc: false, source: 'cmp:cookiebot', id: expect.any(String) });
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    expect(await w.page.locator('#capi-relay-consent').count()).toBe(0);
    expect(traffic.proofs().map((p) => [p.ads, p.source])).toEqual([['granted', 'cmp:cookiebot']]);
    await w.context.close();
  });

  test('Cookiebot denying marketing: nothing, and no banner of ours', async () => {
    const w = await h.open('/contact-cookiebot?marketing=no', { context: await contextIn('FR') });
    const traffic = watchTraffic(w);
    await submitLead(w);
    await sleep(QUIET_MS);
    expect(await w.page.locator('#capi-relay-consent').count()).toBe(0);
    expect(traffic.meta).toEqual([]);
    expect(w.events).toEqual([]);
    await w.context.close();
  });
});
