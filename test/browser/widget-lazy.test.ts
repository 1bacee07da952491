import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, type Harness } from './harness.js';

const run = chromiumAvailableOrSkip('widget lazy detection chunk (browser)');
/** Long enough for a fetch round trip plus the widget's own debounce. */
const QUIET_MS = 1500;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * A form the page submits by script as soon as it is ready: no focus, no
 * click, so w.js sees the submit before wd.js exists (intent.ts rule b).
 * `ajax`: the page posts it itself, resets the fields at once and thanks later.
 */
const instantForm = (ajax: boolean, widget: string): string => `<!doctype html><title>Contact</title>
  <div><form id="quick" method="post" action="/redirect?to=/forms/html/thank-you.html">
    <input type="email" name="email"><input name="vorname"><button>Send</button></form>
  <p id="ok" hidden>Thank you!</p></div>${widget}
  <script>document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('quick');
    form.email.value = ${JSON.stringify(CANARY.email)}; form.vorname.value = ${JSON.stringify(CANARY.firstName)};
    if (${ajax}) form.addEventListener('submit', function (e) {
      e.preventDefault();
      fetch('/echo', { method: 'POST', body: new FormData(form) }).then(function () { document.getElementById('ok').hidden = false; });
      form.reset();
    });
    // a native submit waits for consent (the _fbp cookie comes once it allows Meta): w.js keeps a
    // submission for the next page only then (early-submit.ts); the AJAX one needs no storage
    (function go() {
      if (!${ajax} && document.cookie.indexOf('_fbp=') < 0) return setTimeout(go, 20);
      form.requestSubmit();
    })();
  });</script>`;

describe.runIf(run)('detection loads on intent (built w.js + wd.js)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test("the built w.js starts with V8's compile hint, which V8 reads only on a file's first line", () => {
    const built = readFileSync(new URL('../../public/w.js', import.meta.url), 'utf8');
    expect(built.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
  });

  test('a page nobody uses never fetches wd.js; the first focus in a form fetches it once', async () => {
    h.page('/idle', `<!doctype html><title>Idle</title><h1>About</h1><form><input id="mail" type="email" name="email"></form>${h.widgetTag()}`);
    const context = await h.newContext();
    const seen: string[] = [];
    context.on('request', (r) => r.url().endsWith('/wd.js') && seen.push(r.url()));
    const w = await h.open('/idle', { context });
    await w.page.mouse.click(5, 5); // a click outside any form
    await sleep(QUIET_MS);
    expect(seen).toEqual([]);
    await w.page.focus('#mail');
    await w.page.fill('#mail', CANARY.email);
    await w.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/wd.js')));
    expect(seen).toEqual([`${h.relayUrl}/wd.js`]);
    await context.close();
  });

  test('a scripted AJAX submit before wd.js (fields reset at once): one event with the values at submit time', async () => {
    h.page('/instant-ajax', instantForm(true, h.widgetTag()));
    const w = await h.open('/instant-ajax');
    const [event] = await w.waitForEvents(1);
    expect(event).toMatchObject({ user: { email: CANARY.email, first_name: CANARY.firstName }, source: { tool: 'html', form: 'quick' } });
    await sleep(QUIET_MS);
    expect(w.events).toHaveLength(1);
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    await w.context.close();
  });

  test('a scripted native submit while wd.js cannot load: the thank-you page confirms it from w.js raw record', async () => {
    h.page('/instant-native', instantForm(false, h.widgetTag()));
    const context = await h.newContext();
    let blocked = 0;
    // the form page never gets wd.js; the thank-you page does
    await context.route('**/wd.js', (route) => (blocked++ === 0 ? route.abort() : route.continue()));
    const w = await h.open('/instant-native', { context });
    await w.page.waitForURL('**/thank-you.html');
    const [event] = await w.waitForEvents(1);
    expect(event).toMatchObject({
      event_source_url: `${h.pageOrigin}/forms/html/thank-you.html`,
      user: { email: CANARY.email, first_name: CANARY.firstName },
      source: { tool: 'html', form: 'quick' },
    });
    expect(blocked).toBe(2);
    await sleep(QUIET_MS);
    expect(w.events).toHaveLength(1);
    await context.close();
  });
});
