// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { formOverrides, isIgnored } from '../../../../widget/config.js';
import type { EarlyEvent } from '../../../../widget/detect/host.js';
import type { Adapter, Submission } from '../../../../widget/detect/types.js';
import { CANARY } from '../../../support/canaries.js';

// wd.js arrives after the page has lived a while: events w.js recorded are
// replayed into the same listeners, and w.js's raw record of a navigating
// submit is confirmed on the thank-you page.

const PENDING = 'capi-relay:pending';
let conversions: [Submission, unknown][];
let removals: (() => void)[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetModules(); // a fresh listener registry (page-events.ts) per test
  conversions = [];
  sessionStorage.clear();
  document.title = '';
});
afterEach(() => {
  removals.forEach((remove) => remove());
  removals = [];
  vi.useRealTimers();
  document.body.innerHTML = '';
});

async function startChunk(early: EarlyEvent[], adapters: Adapter[] = []): Promise<void> {
  const { startDetection } = await import('../../../../widget/detect/engine.js');
  const onDoc = vi.spyOn(document, 'addEventListener');
  const onWin = vi.spyOn(window, 'addEventListener');
  startDetection(adapters, { convert: (s, o) => conversions.push([s, o]), overrides: formOverrides, ignored: isIgnored, early });
  for (const [target, mock] of [[document, onDoc], [window, onWin]] as const)
    for (const [type, listener, capture] of mock.mock.calls) removals.push(() => target.removeEventListener(type, listener as EventListener, capture as boolean));
  onDoc.mockRestore();
  onWin.mockRestore();
}

function submitted(form: HTMLFormElement, prevented: boolean): Event {
  const event = new Event('submit', { cancelable: true });
  Object.defineProperty(event, 'target', { value: form });
  if (prevented) event.preventDefault();
  return event;
}

const FORM = `<div><form id="contact"><input type="email" name="email" id="em" required><input name="vorname"><button>Send</button></form><p id="ok" hidden>Danke!</p></div>`;

describe('replayed submits', () => {
  test('an AJAX submit the page reset before wd.js arrived: confirmed with the values recorded at submit time', async () => {
    document.body.innerHTML = FORM;
    const form = document.getElementById('contact') as HTMLFormElement;
    // the page reset the form right after submitting: the live fields are empty now
    await startChunk([[submitted(form, true), [['email', 'email em', CANARY.email], ['text', 'vorname ', CANARY.firstName]]]]);
    await vi.advanceTimersByTimeAsync(50);
    form.style.display = 'none'; // the page hides the form on success
    await vi.advanceTimersByTimeAsync(600);
    expect(conversions).toEqual([[expect.objectContaining({ tool: 'html', form: 'contact', fields: { email: CANARY.email, first_name: CANARY.firstName } }), expect.anything()]]);
  });

  test('a navigating submit: the raw record w.js left is replaced by a classified one for the next page', async () => {
    document.body.innerHTML = FORM;
    const form = document.getElementById('contact') as HTMLFormElement;
    const raw = [['email', 'email em', CANARY.email]];
    sessionStorage.setItem(PENDING, JSON.stringify({ raw, overrides: {}, at: Date.now(), from: location.href }));
    await startChunk([[submitted(form, false), raw as [string, string, string][]]]);
    await vi.advanceTimersByTimeAsync(10);
    const pending = JSON.parse(sessionStorage.getItem(PENDING)!);
    expect(pending).toMatchObject({ key: expect.stringMatching(/^html:contact:/), tool: 'html', fields: { email: CANARY.email } });
    expect(pending.raw).toBeUndefined();
    expect(conversions).toEqual([]); // this page's own record is no arrival
  });

  test('a replayed submit of a form that does not count drops w.js raw record', async () => {
    document.body.innerHTML = `<form role="search"><input type="email" name="email"></form>`;
    const raw = [['email', 'email ', CANARY.email]] as [string, string, string][];
    sessionStorage.setItem(PENDING, JSON.stringify({ raw, overrides: {}, at: Date.now(), from: location.href }));
    await startChunk([[submitted(document.querySelector('form')!, false), raw]]);
    expect(sessionStorage.getItem(PENDING)).toBeNull();
  });

  test('a watched tool (Webflow-style) that already shows its success when the submit is replayed: confirmed at once', async () => {
    const { confirmWhenShown } = await import('../../../../widget/detect/after-submit.js');
    document.body.innerHTML = `<div class="w-form"><form id="wf"><input type="email" name="email" id="m"></form><div class="done">Thanks</div></div>`;
    const form = document.getElementById('wf') as HTMLFormElement;
    const tool: Adapter = { name: 'wf', claims: '#wf', install: (ctx) => confirmWhenShown(ctx, 'wf', '#wf', () => true) };
    await startChunk([[submitted(form, true), [['email', 'email m', CANARY.email]]]], [tool]);
    await Promise.resolve();
    expect(conversions).toEqual([[expect.objectContaining({ tool: 'wf', form: 'wf', fields: { email: CANARY.email } }), expect.anything()]]);
  });

  test('a frame message from before the chunk reaches the tool adapter', async () => {
    const { frameTool } = await import('../../../../widget/detect/frame-tool.js');
    document.body.innerHTML = `<iframe src="https://form.tool.example/f/1"></iframe>`;
    const iframe = document.querySelector('iframe')!;
    const source = { frame: 1 };
    Object.defineProperty(iframe, 'contentWindow', { value: source });
    const tool = frameTool('tool', /^https:\/\/form\.tool\.example\//, (d) => d?.type == 'done' && [d.id]);
    const message = new MessageEvent('message', { data: { type: 'done', id: 'r-1' }, origin: 'https://form.tool.example', source: source as unknown as Window });
    await startChunk([[message]], [tool]);
    expect(conversions).toEqual([[expect.objectContaining({ tool: 'tool', submissionId: 'r-1' }), expect.anything()]]);
  });
});

describe("the thank-you page confirms w.js's raw record", () => {
  function arrive(raw: [string, string, string][], overrides = {}): void {
    sessionStorage.setItem(PENDING, JSON.stringify({ form: 'contact', raw, overrides, at: Date.now() - 2000, from: 'http://localhost:3000/contact' }));
    document.body.innerHTML = '<h1>Vielen Dank!</h1>';
  }

  test('classified from the recorded type and name, with the form overrides', async () => {
    arrive([['email', 'your-mail ', CANARY.email], ['text', 'nachname ', CANARY.lastName], ['text', 'company ', 'ACME']], { event: 'Contact' });
    await startChunk([]);
    expect(conversions).toEqual([[{ tool: 'html', key: 'html:early', form: 'contact', fields: { email: CANARY.email, last_name: CANARY.lastName } }, { event: 'Contact' }]]);
  });

  test.each([
    ['a filled trap (by name)', [['email', 'email ', CANARY.email], ['text', 'website_honeypot ', 'x']]],
    ['no contact field', [['text', 'quantity ', '2']]],
  ])('nothing for %s', async (_name, raw) => {
    arrive(raw as [string, string, string][]);
    await startChunk([]);
    expect(conversions).toEqual([]);
  });
});
