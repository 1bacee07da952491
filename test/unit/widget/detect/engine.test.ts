// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { formOverrides, isIgnored } from '../../../../widget/config.js';
import { startDetection } from '../../../../widget/detect/engine.js';
import type { Adapter, DetectContext, Submission } from '../../../../widget/detect/types.js';
import { CANARY } from '../../../support/canaries.js';

type Conversion = [Submission, unknown];
let conversions: Conversion[];
let teardown: (() => void)[];

beforeEach(() => {
  vi.useFakeTimers();
  conversions = [];
  teardown = [];
  sessionStorage.clear();
});
afterEach(() => {
  teardown.forEach((undo) => undo());
  vi.useRealTimers();
  document.body.innerHTML = '';
});

/** startDetection adds document listeners; keep one live per test by removing its submit listener afterwards. */
function start(adapters: Adapter[] = []): void {
  const add = vi.spyOn(document, 'addEventListener');
  startDetection(adapters, { convert: (submission, overrides) => conversions.push([submission, overrides]), overrides: formOverrides, ignored: isIgnored });
  for (const call of add.mock.calls) if (call[0] === 'submit') teardown.push(() => document.removeEventListener('submit', call[1] as EventListener, true));
  add.mockRestore();
}

const FORM = `<div id="wrap"><form id="contact"><input type="email" name="email" required><button>Send</button></form>
  <p id="ok" style="display:none">Thank you!</p><p id="err" class="error" style="display:none">Please check the form</p></div>`;

function page(html = FORM): HTMLFormElement {
  document.body.innerHTML = html;
  const form = document.querySelector('form')!;
  const email = form.querySelector<HTMLInputElement>('[name=email]');
  if (email) email.value = CANARY.email;
  return form;
}

/** Submit like a browser would, with the page's own AJAX handler cancelling navigation. */
function submitAjax(form: HTMLFormElement): void {
  form.addEventListener('submit', (e) => e.preventDefault(), { once: true });
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

async function settle(ms = 100): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('AJAX path', () => {
  test.each([
    ['a thank-you message appears', () => ((document.getElementById('ok') as HTMLElement).style.display = 'block')],
    ['the form is hidden', () => (document.getElementById('contact')!.style.display = 'none')],
    ['the form is removed', () => document.getElementById('contact')!.remove()],
    ['the fields are emptied', () => ((document.querySelector('[name=email]') as HTMLInputElement).value = '')],
  ])('confirms once when %s', async (_name, succeed) => {
    start();
    submitAjax(page());
    await settle();
    expect(conversions).toEqual([]);
    succeed();
    await settle(600);
    expect(conversions).toHaveLength(1);
    expect(conversions[0]![0]).toMatchObject({ tool: 'html', form: 'contact', fields: { email: CANARY.email } });
  });

  test('an error shown instead: nothing', async () => {
    start();
    submitAjax(page());
    await settle();
    (document.getElementById('err') as HTMLElement).style.display = 'block';
    await settle(11_000);
    expect(conversions).toEqual([]);
  });

  test('an error beside a hidden form: nothing', async () => {
    start();
    submitAjax(page());
    await settle();
    (document.getElementById('err') as HTMLElement).style.display = 'block';
    document.getElementById('contact')!.style.display = 'none';
    await settle(1000);
    expect(conversions).toEqual([]);
  });

  test('aria-invalid on a field: nothing', async () => {
    start();
    submitAjax(page());
    await settle();
    document.querySelector('[name=email]')!.setAttribute('aria-invalid', 'true');
    (document.getElementById('ok') as HTMLElement).style.display = 'block';
    await settle(1000);
    expect(conversions).toEqual([]);
  });

  test('nothing happens within the window: nothing, and the watch ends', async () => {
    start();
    submitAjax(page());
    await settle(10_500);
    (document.getElementById('ok') as HTMLElement).style.display = 'block';
    await settle(1000);
    expect(conversions).toEqual([]);
  });

  test('double submit, then success: one conversion', async () => {
    start();
    const form = page();
    submitAjax(form);
    await settle(50);
    submitAjax(form);
    await settle(50);
    (document.getElementById('ok') as HTMLElement).style.display = 'block';
    await settle(1000);
    expect(conversions).toHaveLength(1);
  });

  test('a form added after start is covered by the document listener', async () => {
    start();
    const form = page();
    submitAjax(form);
    await settle();
    form.style.display = 'none';
    await settle(600);
    expect(conversions).toHaveLength(1);
  });
});

describe('what never counts', () => {
  test.each([
    ['invalid novalidate form', '<div><form novalidate><input type="email" name="email" required><input name="first_name" required></form></div>', true],
    ['data-capi-ignore', '<div data-capi-ignore><form><input type="email" name="email"></form></div>', false],
    ['search form', '<div><form role="search"><input type="email" name="email"></form></div>', false],
    ['login form', '<div><form><input type="email" name="email"><input type="password" name="pw"></form></div>', false],
    ['login form whose "show password" made the field type=text', '<div><form><input type="email" name="email"><input type="text" name="password"></form></div>', false],
    ['payment form: a card field typed tel with no autocomplete', '<div><form><input type="email" name="email"><label>Card number <input type="tel" name="number"></label></form></div>', false],
    ['no contact field', '<div><form><input name="qty" value="2"></form></div>', false],
    ['filled honeypot', '<div><form><input type="email" name="email"><input name="honeypot" value="x"></form></div>', false],
  ])('%s', async (_name, html, clearFirstName) => {
    start();
    const form = page(html);
    if (clearFirstName) form.querySelector<HTMLInputElement>('[name=first_name]')!.value = '';
    submitAjax(form);
    await settle();
    form.style.display = 'none';
    await settle(1000);
    expect(conversions).toEqual([]);
  });
});

describe('adapters', () => {
  test('a claimed form is left to its adapter, which gets the submit snapshot', async () => {
    let ctx: DetectContext | undefined;
    start([{ name: 'tool', claims: '.tool-form', install: (c) => (ctx = c) }]);
    const form = page(`<div><form class="tool-form"><input type="email" name="email"></form></div>`);
    submitAjax(form);
    await settle();
    form.style.display = 'none';
    await settle(1000);
    expect(conversions).toEqual([]);
    expect(ctx!.snapshotOf(form)).toEqual({ email: CANARY.email });
    ctx!.confirm({ tool: 'tool', key: 'tool:1', element: form });
    ctx!.confirm({ tool: 'tool', key: 'tool:1', element: form });
    expect(conversions).toHaveLength(1);
    expect(conversions[0]![0].fields).toEqual({ email: CANARY.email });
  });

  test('per-form overrides travel with the conversion', () => {
    let ctx: DetectContext | undefined;
    start([{ name: 'tool', install: (c) => (ctx = c) }]);
    document.body.innerHTML = '<div data-capi-event="Schedule" data-capi-value="50"><iframe id="fr"></iframe></div>';
    ctx!.confirm({ tool: 'tool', key: 'k', element: document.getElementById('fr')!, submissionId: 'abc' });
    expect(conversions).toEqual([[expect.objectContaining({ submissionId: 'abc' }), { event: 'Schedule', value: 50, currency: undefined }]]);
  });

  test('an adapter that throws on install does not stop the others', () => {
    const installed: string[] = [];
    start([
      { name: 'bad', install: () => { throw new Error('boom'); } },
      { name: 'good', install: () => void installed.push('good') },
    ]);
    expect(installed).toEqual(['good']);
  });

  test('withJQuery binds once jQuery appears', async () => {
    let ctx: DetectContext | undefined;
    start([{ name: 'jq', install: (c) => (ctx = c) }]);
    const bound = vi.fn();
    ctx!.withJQuery(bound);
    await settle(500);
    expect(bound).not.toHaveBeenCalled();
    const jq = () => ({ on: () => undefined });
    (window as { jQuery?: unknown }).jQuery = jq;
    await settle(300);
    expect(bound).toHaveBeenCalledWith(jq);
    delete (window as { jQuery?: unknown }).jQuery;
  });
});

describe('navigation path', () => {
  function submitNative(form: HTMLFormElement): void {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  }

  test('a native submit leaves the snapshot for the next page', async () => {
    start();
    submitNative(page());
    await settle();
    const pending = JSON.parse(sessionStorage.getItem('capi-relay:pending')!);
    expect(pending).toMatchObject({ tool: 'html', form: 'contact', fields: { email: CANARY.email }, from: location.href });
    expect(conversions).toEqual([]);
  });

  test('before consent allows Meta nothing is kept for the next page', async () => {
    const add = vi.spyOn(document, 'addEventListener');
    startDetection([], { convert: (submission, overrides) => conversions.push([submission, overrides]), overrides: formOverrides, ignored: isIgnored, keep: () => false });
    for (const call of add.mock.calls) if (call[0] === 'submit') teardown.push(() => document.removeEventListener('submit', call[1] as EventListener, true));
    add.mockRestore();
    submitNative(page());
    await settle();
    expect(sessionStorage.getItem('capi-relay:pending')).toBeNull();
  });

  test('an AJAX submit does not (unless the page leaves during the watch)', async () => {
    start();
    submitAjax(page());
    await settle();
    expect(sessionStorage.getItem('capi-relay:pending')).toBeNull();
    window.dispatchEvent(new Event('pagehide'));
    expect(sessionStorage.getItem('capi-relay:pending')).not.toBeNull();
  });

  function arrive(pending: object, html: string, title = ''): void {
    sessionStorage.setItem('capi-relay:pending', JSON.stringify({ key: 'html:contact:1', tool: 'html', form: 'contact', fields: { email: CANARY.email }, overrides: {}, from: 'http://localhost:3000/contact', ...pending }));
    document.body.innerHTML = html;
    document.title = title;
    start();
  }

  test.each([
    ['h1 says thanks', '<h1>Thank you!</h1>', ''],
    ['title says thanks (German)', '<h1>Kontakt</h1>', 'Vielen Dank'],
    ['a tool confirmation container', '<div class="wpforms-confirmation-container">Done</div>', ''],
  ])('arrival confirms when %s', (_name, html, title) => {
    arrive({ at: Date.now() - 2000 }, html, title);
    expect(conversions).toHaveLength(1);
    expect(conversions[0]![0]).toMatchObject({ tool: 'html', key: 'html:contact:1', fields: { email: CANARY.email } });
    expect(sessionStorage.getItem('capi-relay:pending')).toBeNull();
  });

  test.each([
    ['no thank-you sign', { at: Date.now() - 2000 }, '<h1>Contact</h1><p class="error">Please fix the errors</p>'],
    ['too old and not from the form page', { at: Date.now() - 120_000 }, '<h1>Thanks</h1>'],
  ])('arrival discards when %s', (_name, pending, html) => {
    arrive(pending, html);
    expect(conversions).toEqual([]);
    expect(sessionStorage.getItem('capi-relay:pending')).toBeNull();
  });
});
