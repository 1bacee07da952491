import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, type Harness, type WidgetPage } from './harness.js';

// Issue 15 item 4 in real Chromium with the built w.js + wd.js: a payment card number typed into the
// page never leaves it through the widget — not in any request to the relay or to Meta, not in the
// Pixel's calls, not in sessionStorage. (The site's own form post carries what the visitor typed;
// that request is the site's, not ours.)
const run = chromiumAvailableOrSkip('card numbers never leave the page (browser)');
const CARD = '4111 1111 1111 1111';
const CARD_DIGITS = CARD.replace(/ /g, '');
const QUIET_MS = 1500;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** A theme-style AJAX form: posts to /echo, then hides itself and thanks. */
const form = (fields: string, widget: string): string => `<!doctype html><title>Form</title><main>
  <form id="f" action="/echo" method="post">${fields}<button type="submit">Send</button></form>
  <p class="ok" hidden>Thank you! We will be in touch.</p></main>
  <script>document.getElementById('f').addEventListener('submit', function (e) {
    e.preventDefault(); var f = e.target;
    fetch('/echo', { method: 'POST', body: new FormData(f) }).then(function () { f.hidden = true; document.querySelector('.ok').hidden = false; });
  });</script>${widget}`;

/** Everything the widget sent or kept that could carry the card: relay requests, Meta requests, fbq calls, sessionStorage. */
async function everythingTheWidgetLeft(w: WidgetPage, metaBodies: string[]): Promise<string> {
  const storage = await w.page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  return [...w.apiCalls.map((c) => `${c.path} ${c.body ?? ''}`), ...metaBodies, JSON.stringify(await w.fbqCalls()), storage].join('\n');
}

function watchMeta(w: WidgetPage): string[] {
  const bodies: string[] = [];
  w.page.on('request', (request) => {
    if (/facebook\.(com|net)/.test(request.url())) bodies.push(`${request.url()} ${request.postData() ?? ''}`);
  });
  return bodies;
}

describe.runIf(run)('a card number never leaves the page (built w.js + wd.js in Chromium)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('typed into the type="tel" phone field of a lead form: the lead is sent with the e-mail, never the card number', async () => {
    h.page('/card-in-phone', form(`<input id="email" name="email" type="email" required><input id="phone" name="phone" type="tel">`, h.widgetTag()));
    const w = await h.open('/card-in-phone');
    const meta = watchMeta(w);
    await w.waitForCookie('_fbp'); // consent allowed (US visitor), ids synced
    await w.page.fill('#email', CANARY.email);
    await w.page.fill('#phone', CARD);
    await w.detectionLoaded();
    await w.page.click('button[type=submit]');
    const [event] = await w.waitForEvents(1);
    expect(event!['user']).toEqual({ email: CANARY.email });
    await sleep(QUIET_MS);
    const left = await everythingTheWidgetLeft(w, meta);
    expect(left).toContain(CANARY.email); // the check sees what the widget sent
    expect(left).not.toContain(CARD_DIGITS);
    expect(left).not.toContain(CARD);
    await w.context.close();
  });

  test('a payment form whose card field is type="tel" with no cc-* autocomplete: no event, nothing kept', async () => {
    h.page(
      '/pay',
      form(
        `<input id="email" name="email" type="email" required>
         <label for="num">Card number</label><input id="num" name="number" type="tel">
         <input id="exp" name="exp" placeholder="MM/YY"><input id="cvc" name="code" placeholder="CVC">`,
        h.widgetTag(),
      ),
    );
    const w = await h.open('/pay');
    const meta = watchMeta(w);
    await w.waitForCookie('_fbp');
    await w.page.fill('#email', CANARY.email);
    await w.page.fill('#num', CARD);
    await w.page.fill('#exp', '12/30');
    await w.page.fill('#cvc', '123');
    await w.detectionLoaded();
    await w.page.click('button[type=submit]');
    await w.page.waitForSelector('.ok:not([hidden])');
    await sleep(QUIET_MS);
    expect(w.events).toEqual([]);
    const left = await everythingTheWidgetLeft(w, meta);
    expect(left).not.toContain(CARD_DIGITS);
    expect(left).not.toContain(CARD);
    await w.context.close();
  });

  test('a payment form submitted before wd.js loaded (scripted, no focus): w.js keeps nothing of it in sessionStorage', async () => {
    h.page(
      '/pay-instant',
      `<!doctype html><title>Pay</title><form id="f" method="post" action="/redirect?to=/forms/html/thank-you.html">
        <input type="email" name="email"><label for="num">Card number</label><input id="num" name="number" type="tel"><button>Pay</button></form>
        ${h.widgetTag()}
        <script>(function go() {
          var f = document.getElementById('f');
          if (document.cookie.indexOf('_fbp=') < 0) return setTimeout(go, 20); // consent allowed first
          f.email.value = ${JSON.stringify(CANARY.email)}; f.number.value = ${JSON.stringify(CARD)};
          f.addEventListener('submit', function (e) { e.preventDefault(); sessionStorage.setItem('__after_submit', sessionStorage.getItem('capi-relay:pending') || 'none'); });
          f.requestSubmit();
        })();</script>`,
    );
    const context = await h.newContext();
    await context.route('**/wd.js', (route) => route.abort());
    const w = await h.open('/pay-instant', { context });
    await w.page.waitForFunction(() => sessionStorage.getItem('__after_submit') !== null);
    expect(await w.page.evaluate(() => sessionStorage.getItem('__after_submit'))).toBe('none');
    const left = await everythingTheWidgetLeft(w, []);
    expect(left).not.toContain(CARD_DIGITS);
    await context.close();
  });
});
