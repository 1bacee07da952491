import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, TEST_PIXEL_ID, type Harness, type WidgetPage } from './harness.js';

const run = chromiumAvailableOrSkip('widget forms (browser)');
/** Long enough for a fetch round trip plus the widget's own debounce; a failed flow must stay silent this long. */
const QUIET_MS = 1500;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function fillContact(w: WidgetPage): Promise<void> {
  await w.page.fill('#name', `${CANARY.firstName} ${CANARY.lastName}`);
  await w.page.fill('#email', CANARY.email);
  await w.page.fill('#phone', CANARY.phone);
  await w.detectionLoaded();
}

/**
 * The Pixel got exactly the API's event ids, and the API stored each of them,
 * or answered it as the same person's submission of this form minutes ago
 * (the second idempotency key: these tests submit the same canary contact).
 */
async function expectDeduplicated(h: Harness, w: WidgetPage, events: Record<string, any>[]): Promise<void> {
  expect(await w.pixelEventIds()).toEqual(events.map((e) => e.event_id));
  for (const e of events) {
    if (await h.storedEvent(e.event_id)) continue;
    expect(await h.outcome(e.event_id)).toMatchObject({ reason: 'duplicate_dedup_key', duplicate: true });
  }
}


/**
 * A submission that leaves the page is kept for the next one only once consent allows it
 * (nothing personal in sessionStorage before: docs/consent.md); a person needs longer than the
 * consent signals take to settle, Playwright does not. The _fbp cookie appears once it allows.
 */
const consentSettled = (w: WidgetPage) => w.page.waitForFunction(() => document.cookie.includes('_fbp='), undefined, { timeout: 10_000 });

describe.runIf(run)('plain HTML forms in Chromium (built w.js)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('AJAX form: one event with the contact fields, Pixel eventID = event_id', async () => {
    const w = await h.open('/forms/html/ajax.html');
    await w.waitForCookie('_fbp'); // /api/ids answered and set it on example.test
    await fillContact(w);
    await w.page.click('button[type=submit]');
    const [event] = await w.waitForEvents(1);
    expect(event).toEqual({
      event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event_name: 'Lead',
      event_time: expect.any(Number),
      event_source_url: `${h.pageOrigin}/forms/html/ajax.html`,
      fbp: expect.stringMatching(/^fb\.1\.\d{13}\.\d+$/),
      user: { full_name: `${CANARY.firstName} ${CANARY.lastName}`, email: CANARY.email, phone: CANARY.phone },
      // the consent answer is the consent module's; here only its shape matters
      consent: expect.objectContaining({ gpc: false }),
      source: { tool: 'html', form: 'contact' },
    });
    const calls = await w.fbqCalls();
    expect(calls).toContainEqual(['init', TEST_PIXEL_ID]);
    expect(calls).toContainEqual(['track', 'PageView']);
    expect(calls).toContainEqual(['track', 'Lead', {}, { eventID: event!.event_id }]);
    await expectDeduplicated(h, w, [event!]);
    await w.context.close();
  });

  test('double click on submit: exactly one event', async () => {
    const w = await h.open('/forms/html/ajax.html');
    await fillContact(w);
    await w.page.dblclick('button[type=submit]');
    await w.waitForEvents(1);
    await sleep(QUIET_MS);
    expect(w.apiCalls.filter((c) => c.path === '/api/send')).toHaveLength(1);
    await expectDeduplicated(h, w, w.events);
    await w.context.close();
  });

  test('server error after submit: nothing sent', async () => {
    const w = await h.open('/forms/html/ajax.html');
    await w.page.evaluate(() => document.getElementById('contact')!.setAttribute('data-target', '/echo/fail'));
    await fillContact(w);
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector('.form-error:not([hidden])');
    await sleep(QUIET_MS);
    expect(w.events).toEqual([]);
    expect(await w.pixelEventIds()).toEqual([]);
    await w.context.close();
  });

  test('invalid form (required email empty): nothing sent', async () => {
    const w = await h.open('/forms/html/ajax.html');
    await w.page.fill('#name', CANARY.firstName);
    await w.page.click('button[type=submit]');
    await sleep(QUIET_MS);
    expect(w.events).toEqual([]);
    await w.context.close();
  });

  test('filled honeypot: nothing sent', async () => {
    const w = await h.open('/forms/html/ajax.html');
    await fillContact(w);
    await w.page.evaluate(() => ((document.querySelector('[name=b_trap]') as HTMLInputElement).value = 'bot'));
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector('.form-success:not([hidden])');
    await sleep(QUIET_MS);
    expect(w.events).toEqual([]);
    await w.context.close();
  });

  test('native submit → redirect to a thank-you page: one event, sent from the thank-you page', async () => {
    const w = await h.open('/forms/html/native.html');
    await w.page.fill('#first', CANARY.firstName);
    await w.page.fill('#last', CANARY.lastName);
    await w.page.fill('#mail', CANARY.email);
    await w.page.fill('#zip', CANARY.zip);
    await consentSettled(w);
    await Promise.all([w.page.waitForURL('**/thank-you.html'), w.page.click('button[type=submit]')]);
    const [event] = await w.waitForEvents(1);
    expect(event).toMatchObject({
      event_source_url: `${h.pageOrigin}/forms/html/thank-you.html`,
      user: { first_name: CANARY.firstName, last_name: CANARY.lastName, email: CANARY.email, zip: CANARY.zip },
      source: { tool: 'html', form: 'quote' },
    });
    await expectDeduplicated(h, w, [event!]);
    await sleep(QUIET_MS);
    expect(w.events).toHaveLength(1);
    await w.context.close();
  });

  test('native submit that lands on a page without a thank-you sign: nothing sent', async () => {
    const w = await h.open('/forms/html/native.html');
    await w.page.evaluate(() => document.getElementById('quote')!.setAttribute('action', '/redirect?to=/forms/html/try-again.html'));
    await w.page.fill('#first', CANARY.firstName);
    await w.page.fill('#mail', CANARY.email);
    await Promise.all([w.page.waitForURL('**/try-again.html'), w.page.click('button[type=submit]')]);
    await sleep(QUIET_MS);
    expect(w.events).toEqual([]);
    await w.context.close();
  });

  test('AJAX submit then scripted redirect (German form): one event with the per-form event name', async () => {
    const w = await h.open('/forms/redirect/anfrage.html');
    await w.page.fill('#vn', CANARY.firstName);
    await w.page.fill('#nn', CANARY.lastName);
    await w.page.fill('#em', CANARY.email);
    await w.page.fill('#ort', CANARY.city);
    await consentSettled(w);
    await Promise.all([w.page.waitForURL('**/vielen-dank.html'), w.page.click('button[type=submit]')]);
    const [event] = await w.waitForEvents(1);
    expect(event).toMatchObject({
      event_name: 'Contact',
      user: { first_name: CANARY.firstName, last_name: CANARY.lastName, email: CANARY.email, city: CANARY.city },
      source: { tool: 'html', form: 'anfrage' },
    });
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    await w.context.close();
  });

  test('Global Privacy Control: no Pixel, no cookies, no request at all', async () => {
    const w = await h.open('/forms/html/ajax.html', { gpc: true });
    await fillContact(w);
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector('.form-success:not([hidden])');
    await sleep(QUIET_MS);
    expect(w.apiCalls).toEqual([]);
    expect(await w.page.evaluate(() => typeof (window as any).fbq)).toBe('undefined');
    expect(await w.context.cookies()).toEqual([]);
    await w.context.close();
  });

  test('data-ldu on the snippet: Limited Data Use is set on the Pixel before init; absent, never', async () => {
    // Guards the minified bundle: a dataset key the minifier renamed would never see its attribute.
    h.page('/ldu', `<!doctype html><title>ldu</title>${h.widgetTag({ 'data-ldu': 'true' })}`);
    h.page('/no-ldu', `<!doctype html><title>no ldu</title>${h.widgetTag()}`);
    const withLdu = await h.open('/ldu');
    const calls = await withLdu.fbqCalls();
    const ldu = calls.findIndex((c) => c[0] === 'dataProcessingOptions');
    expect(calls[ldu]).toEqual(['dataProcessingOptions', ['LDU'], 0, 0]);
    expect(ldu).toBeLessThan(calls.findIndex((c) => c[0] === 'init'));
    await withLdu.context.close();
    const without = await h.open('/no-ldu');
    const plain = await without.fbqCalls();
    expect(plain).toContainEqual(['init', TEST_PIXEL_ID]);
    expect(plain.some((c) => c[0] === 'dataProcessingOptions')).toBe(false);
    await without.context.close();
  });
});
