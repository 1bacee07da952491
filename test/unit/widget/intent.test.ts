// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { formOverrides, isIgnored } from '../../../widget/config.js';
import type { EarlyEvent } from '../../../widget/detect/host.js';
import { recordEarlySubmit } from '../../../widget/early-submit.js';
import { loadOnIntent } from '../../../widget/intent.js';
import { CANARY } from '../../support/canaries.js';

const attrs = { overrides: formOverrides, ignored: isIgnored, keep: () => true };
const PENDING = 'capi-relay:pending';
const tick = () => new Promise((ok) => setTimeout(ok, 0));

/** loadOnIntent adds document and window listeners that outlive a test: each test gets fresh ones and removes them. */
let removals: (() => void)[] = [];
function startLoader(load: (early: EarlyEvent[]) => Promise<unknown> = () => new Promise(() => undefined), unsent: () => void = () => undefined) {
  const spy = vi.fn(load);
  const onDoc = vi.spyOn(document, 'addEventListener');
  const onWin = vi.spyOn(window, 'addEventListener');
  loadOnIntent({ load: spy, attrs, unsent });
  for (const [target, mock] of [[document, onDoc], [window, onWin]] as const)
    for (const [type, listener, capture] of mock.mock.calls) removals.push(() => target.removeEventListener(type, listener as EventListener, capture as boolean));
  onDoc.mockRestore();
  onWin.mockRestore();
  return spy;
}

beforeEach(() => {
  sessionStorage.clear();
  document.body.innerHTML = `<p id="text">About us</p><div class="klaviyo-form"><input id="kl"></div>
    <div data-capi-event="Contact"><form id="contact"><input type="email" name="email" id="em"><input type="password" name="pw">
    <input name="card" autocomplete="cc-number"><input type="hidden" name="token" value="t"><button>Send</button></form></div>`;
});
afterEach(() => {
  removals.forEach((remove) => remove());
  removals = [];
});

const fire = (el: Element, type: string) => el.dispatchEvent(new Event(type, { bubbles: true }));

describe('loadOnIntent', () => {
  test('a page without intent never loads the chunk', async () => {
    const load = startLoader();
    fire(document.getElementById('text')!, 'focusin');
    fire(document.getElementById('text')!, 'mousedown');
    window.dispatchEvent(new MessageEvent('message', { data: 'x', source: window }));
    await tick();
    expect(load).not.toHaveBeenCalled();
  });

  test.each([
    ['focusin on a form field', () => fire(document.getElementById('em')!, 'focusin')],
    ['mousedown on a form button', () => fire(document.querySelector('button')!, 'mousedown')],
    ['focusin in a form-less tool container', () => fire(document.getElementById('kl')!, 'focusin')],
  ])('%s loads it, once', async (_name, act) => {
    const load = startLoader();
    act();
    act();
    fire(document.getElementById('em')!, 'focusin');
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('a submission pending from the previous page loads it one task after start', async () => {
    sessionStorage.setItem(PENDING, '{}');
    const load = startLoader();
    expect(load).not.toHaveBeenCalled();
    await tick();
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('submits and frame messages before the chunk started are recorded in order, then no longer', async () => {
    let started!: () => void;
    const load = startLoader(() => new Promise<void>((ok) => (started = ok)));
    const frame = {} as Window; // another window: a child frame
    window.dispatchEvent(new MessageEvent('message', { data: 'ready', source: frame }));
    (document.querySelector('[name=email]') as HTMLInputElement).value = CANARY.email;
    fire(document.getElementById('contact')!, 'submit');
    const early = load.mock.calls[0]![0];
    expect(early.map(([event]) => event.type)).toEqual(['message', 'submit']);
    expect(early[1]![1]).toEqual([['email', 'email em', CANARY.email]]);
    started();
    await tick();
    window.dispatchEvent(new MessageEvent('message', { data: 'later', source: frame }));
    fire(document.getElementById('contact')!, 'submit');
    expect(early).toHaveLength(2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('a chunk that fails to load is swallowed, and the loader goes quiet', async () => {
    const load = startLoader(() => Promise.reject(new Error('blocked')));
    fire(document.getElementById('em')!, 'focusin');
    await tick();
    fire(document.getElementById('contact')!, 'submit');
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0]![0]).toEqual([]);
  });
});

describe('recordEarlySubmit', () => {
  function submitEvent(form: HTMLFormElement): Event {
    const event = new Event('submit', { cancelable: true });
    Object.defineProperty(event, 'target', { value: form });
    return event;
  }

  const fill = (form: HTMLFormElement, values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) (form.querySelector(`[name=${name}]`) as HTMLInputElement).value = value;
  };

  test('a lead form: copies the filled fields, never hidden ones, and leaves a raw pending record while consent allows', () => {
    document.body.innerHTML = `<div data-capi-event="Contact"><form id="contact"><input type="email" name="email" id="em">
      <input type="hidden" name="token" value="t"><button>Send</button></form></div>`;
    const form = document.getElementById('contact') as HTMLFormElement;
    fill(form, { email: CANARY.email });
    const event = submitEvent(form);
    const [recorded, fields] = recordEarlySubmit(event, attrs);
    expect(recorded).toBe(event);
    expect(fields).toEqual([['email', 'email em', CANARY.email]]);
    const pending = JSON.parse(sessionStorage.getItem(PENDING)!);
    expect(pending).toEqual({ form: 'contact', raw: fields, overrides: { event: 'Contact' }, at: expect.any(Number), from: location.href.split('#')[0] });
  });

  test('before consent allows Meta, the copy stays in memory: nothing in sessionStorage', () => {
    document.body.innerHTML = `<form id="contact"><input type="email" name="email" id="em"></form>`;
    const form = document.getElementById('contact') as HTMLFormElement;
    fill(form, { email: CANARY.email });
    const [, fields] = recordEarlySubmit(submitEvent(form), { ...attrs, keep: () => false });
    expect(fields).toEqual([['email', 'email em', CANARY.email]]);
    expect(sessionStorage.getItem(PENDING)).toBeNull();
  });

  test.each([
    ['a login form (password field)', `<input name="user" id="u"><input type="password" name="pw">`, { user: CANARY.email, pw: 'secret-pass' }],
    ['a login form whose "show password" made the field type=text', `<input name="user" id="u"><input type="text" name="password">`, { user: CANARY.email, password: 'secret-pass' }],
    ['a payment form (cc-number autocomplete)', `<input name="email" id="u"><input name="num" autocomplete="cc-number">`, { email: CANARY.email, num: '4111111111111111' }],
    ['a card field typed tel, named for the card', `<input name="email" id="u"><input type="tel" name="cardnumber">`, { email: CANARY.email, cardnumber: '4111 1111 1111 1111' }],
    ['a card field typed tel, named number, labelled Card number', `<input name="email" id="u"><label for="n">Card number</label><input type="tel" name="number" id="n">`, { email: CANARY.email, number: '4111111111111111' }],
  ])('%s is no lead form: nothing of it goes to sessionStorage', (_name, inputs, values) => {
    document.body.innerHTML = `<form id="f">${inputs}</form>`;
    const form = document.getElementById('f') as HTMLFormElement;
    fill(form, values);
    const [, fields] = recordEarlySubmit(submitEvent(form), attrs);
    expect(sessionStorage.getItem(PENDING)).toBeNull();
    // a type=password value is not even copied into memory (the memory copy only feeds wd.js, which refuses the form)
    if (inputs.includes('type="password"')) expect(JSON.stringify(fields)).not.toContain('secret-pass');
  });

  test('a Gravity Forms honeypot (autocomplete="new-password") does not make a lead form a login form', () => {
    document.body.innerHTML = `<form id="g"><input type="email" name="input_2" id="e"><input name="input_99" autocomplete="new-password"></form>`;
    const form = document.getElementById('g') as HTMLFormElement;
    fill(form, { input_2: CANARY.email });
    recordEarlySubmit(submitEvent(form), attrs);
    expect(JSON.parse(sessionStorage.getItem(PENDING)!).raw).toEqual([['email', 'input_2 e', CANARY.email]]);
  });

  test('a form under data-capi-ignore leaves no pending record', () => {
    document.body.innerHTML = `<div data-capi-ignore><form><input name="email" value="x@example.org"></form></div>`;
    recordEarlySubmit(submitEvent(document.querySelector('form')!), attrs);
    expect(sessionStorage.getItem(PENDING)).toBeNull();
  });

  test('a lead an earlier page view kept unacknowledged calls unsent() once, one task after load; none, no call', async () => {
    const unsent = vi.fn();
    startLoader(undefined, unsent);
    await tick();
    expect(unsent).not.toHaveBeenCalled();
    removals.forEach((remove) => remove());
    removals = [];
    sessionStorage.setItem('capi-relay:unsent', '[{"body":"{}","at":1}]');
    const load = startLoader(undefined, unsent);
    expect(unsent).not.toHaveBeenCalled();
    await tick();
    expect(unsent).toHaveBeenCalledTimes(1);
    expect(load).not.toHaveBeenCalled(); // detection is not loaded for it
  });
});
