import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, type Harness, type WidgetPage } from './harness.js';

const run = chromiumAvailableOrSkip('tool adapters, iframes (browser)');
const QUIET_MS = 1500;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const HS_FORM = '5b3f2c1a-8d7e-4f60-9a1b-2c3d4e5f6a7b';

// Pages of a THIRD origin playing the tools' hosts. Each posts to its parent
// with target "*", as the tools do; look-alikes post only when told ("go"),
// so they speak after w.js is listening.
const TOOL_PAGES: Record<string, string> = {
  '/typeform/to/Abc123': `<button id="submit">Submit</button><script>
    document.getElementById('submit').onclick = function () {
      var done = { type: 'form-submit', embedId: 'e1', formId: 'Abc123', responseId: 'resp-7f3a' };
      parent.postMessage({ type: 'form-started', embedId: 'e1', formId: 'Abc123', responseId: 'resp-7f3a' }, '*');
      parent.postMessage(done, '*');
      parent.postMessage(done, '*'); // a repeated announcement is one conversion
    };</script>`,
  // says it is ready on load (as the SDK's form-ready), and submits with the hidden fields it was given
  '/typeform/to/Carry1': `<button id="submit">Submit</button><script>
    parent.postMessage({ type: 'form-ready', embedId: 'e2', formId: 'Carry1' }, '*');
    document.getElementById('submit').onclick = function () {
      parent.postMessage({ type: 'form-submit', embedId: 'e2', formId: 'Carry1', responseId: 'resp-c1' }, '*');
    };</script>`,
  '/lookalike': `<script>
    addEventListener('message', function (e) {
      if (e.data !== 'go') return;
      parent.postMessage({ type: 'form-submit', embedId: 'e1', formId: 'Abc123', responseId: 'fake-1' }, '*');
      parent.postMessage({ type: 'hsFormCallback', eventName: 'onFormSubmit', id: '${HS_FORM}', data: [{ name: 'email', value: 'x@example.org' }] }, '*');
      parent.postMessage({ type: 'hsFormCallback', eventName: 'onFormSubmitted', id: '${HS_FORM}', data: {} }, '*');
    });</script>`,
};

/** Same-origin srcdoc frame with a script; `&quot;` because it sits in an attribute. */
const srcdoc = (html: string): string => html.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

describe.runIf(run)('iframe tools in Chromium (built w.js)', () => {
  let h: Harness;
  let tools: Server;
  let toolOrigin = '';
  beforeAll(async () => {
    h = await startHarness();
    tools = createServer((req, res) => {
      const page = TOOL_PAGES[new URL(req.url ?? '/', 'http://x').pathname];
      res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
    });
    await new Promise<void>((ok) => tools.listen(0, '127.0.0.1', ok));
    toolOrigin = `http://127.0.0.1:${(tools.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await h?.close();
    tools?.closeAllConnections();
    await new Promise<void>((ok) => (tools ? tools.close(() => ok()) : ok()));
  });

  /** Ask every look-alike on the page to speak, and the page itself to post the same shapes. */
  async function lookAlikesSpeak(w: WidgetPage, shapes: unknown[]): Promise<void> {
    await w.page.evaluate((messages) => {
      for (const frame of document.querySelectorAll<HTMLIFrameElement>('iframe.lookalike')) frame.contentWindow!.postMessage('go', '*');
      for (const message of messages) window.postMessage(message, '*');
    }, shapes);
    await sleep(QUIET_MS);
  }

  async function expectOneDeduplicated(w: WidgetPage): Promise<Record<string, any>> {
    const [event] = await w.waitForEvents(1);
    await sleep(QUIET_MS);
    expect(w.events).toHaveLength(1);
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    expect(await h.storedEvent(event!.event_id)).not.toBeNull();
    return event!;
  }

  test('Typeform: submit from its frame → one event with the response id; look-alikes from another frame or the page are ignored', async () => {
    // A custom-domain Typeform: the site marks the embed with data-capi-frame
    // (production feature); the message origin must still equal the frame's src origin.
    h.page(
      '/typeform',
      `<h1>Book a demo</h1>
      <div data-tf-widget="Abc123" data-capi-frame="typeform"><iframe id="tf" src="${toolOrigin}/typeform/to/Abc123"></iframe></div>
      <iframe class="lookalike" src="${toolOrigin}/lookalike"></iframe>
      {{widget}}`,
    );
    const w = await h.open('/typeform');
    await w.page.frameLocator('iframe.lookalike').locator('script').first().waitFor({ state: 'attached' });
    await lookAlikesSpeak(w, [{ type: 'form-submit', embedId: 'e1', formId: 'Abc123', responseId: 'self-1' }]);
    expect(w.events).toEqual([]);

    await w.page.frameLocator('#tf').locator('#submit').click();
    const event = await expectOneDeduplicated(w);
    expect(event).toEqual(expect.objectContaining({ event_name: 'Lead', source: { tool: 'typeform', form: 'Abc123', submission_id: 'resp-7f3a' } }));
    await w.context.close();
  });

  test('Typeform: the widget carries a fresh event id into the embed as the hidden field event_id; Pixel, relay and the form share it', async () => {
    h.page('/typeform-carry', `<h1>Survey</h1><div data-capi-frame="typeform"><iframe id="tf" src="${toolOrigin}/typeform/to/Carry1#source=ad"></iframe></div>{{widget}}`);
    const w = await h.open('/typeform-carry');
    // the SDK talks on (height, screens): a message after w.js listens is the intent that loads wd.js
    // (a local frame can say form-ready before w.js runs; a real Typeform app loads far slower)
    await w.page.waitForFunction(() => typeof (window as { capiRelay?: { track?: unknown } }).capiRelay?.track == 'function');
    await w.page.frame({ url: /Carry1/ })!.evaluate(() => parent.postMessage({ type: 'form-height-changed', embedId: 'e2', height: 400 }, '*'));
    const carried = (): string | undefined => w.page.frames().map((f) => /[#&]event_id=([0-9a-f-]{36})/.exec(f.url())?.[1]).find(Boolean);
    await expect.poll(carried, { timeout: 10_000 }).toMatch(/^[0-9a-f-]{36}$/);
    expect(await w.page.locator('#tf').getAttribute('src')).toContain('#source=ad&event_id=');
    // a hash-only src change does not reload, so the widget puts the iframe back in its place: the
    // frame that first showed the id may be the one being detached, so act through the element
    await w.page.frameLocator('#tf').locator('#submit').click();
    const event = await expectOneDeduplicated(w);
    expect(event).toEqual(expect.objectContaining({ event_id: carried(), source: { tool: 'typeform', form: 'Carry1', submission_id: 'resp-c1' } }));
    await w.context.close();
  });

  test('HubSpot legacy form in iframe.hs-form-iframe → one event with its values; same shapes from a foreign or non-HubSpot frame are ignored', async () => {
    const hsForm = srcdoc(`<form><input name="email" type="email"><input name="firstname"><button>Submit</button></form><script>
      document.querySelector('form').onsubmit = function (e) {
        e.preventDefault();
        var data = [].map.call(this.elements, function (el) { return { name: el.name, value: el.value }; }).filter(function (f) { return f.name; });
        parent.postMessage({ type: 'hsFormCallback', eventName: 'onFormSubmit', id: '${HS_FORM}', data: data }, '*');
        setTimeout(function () { parent.postMessage({ type: 'hsFormCallback', eventName: 'onFormSubmitted', id: '${HS_FORM}', data: {} }, '*'); }, 50);
      };</script>`);
    // a same-origin frame that is not HubSpot's (a chat widget) posting the same shapes
    const chat = srcdoc(`<script>addEventListener('message', function (e) {
      if (e.data !== 'go') return;
      parent.postMessage({ type: 'hsFormCallback', eventName: 'onFormSubmit', id: '${HS_FORM}', data: [{ name: 'email', value: 'chat@example.org' }] }, '*');
      parent.postMessage({ type: 'hsFormCallback', eventName: 'onFormSubmitted', id: '${HS_FORM}', data: {} }, '*');
    });</script>`);
    h.page(
      '/hubspot',
      `<h1>Contact</h1>
      <iframe id="hs-form-iframe-0" class="hs-form-iframe" srcdoc="${hsForm}"></iframe>
      <iframe class="lookalike" srcdoc="${chat}"></iframe>
      <iframe class="lookalike" src="${toolOrigin}/lookalike"></iframe>
      {{widget}}`,
    );
    const w = await h.open('/hubspot');
    await w.page.frameLocator(`iframe[src^="${toolOrigin}"]`).locator('script').first().waitFor({ state: 'attached' });
    await lookAlikesSpeak(w, []);
    expect(w.events).toEqual([]);

    const form = w.page.frameLocator('#hs-form-iframe-0');
    await form.locator('[name=email]').fill(CANARY.email);
    await form.locator('[name=firstname]').fill(CANARY.firstName);
    await form.locator('button').click();
    const event = await expectOneDeduplicated(w);
    expect(event).toEqual(
      expect.objectContaining({ user: { email: CANARY.email, first_name: CANARY.firstName }, source: { tool: 'hubspot', form: HS_FORM } }),
    );
    await w.context.close();
  });
});
