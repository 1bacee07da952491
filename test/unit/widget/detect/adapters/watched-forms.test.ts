// @vitest-environment happy-dom
import jQuery from 'jquery';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CANARY } from '../../../../support/canaries.js';
import { gravityForms } from '../../../../../widget/detect/adapters/gravity-forms.js';
import { mailchimp } from '../../../../../widget/detect/adapters/mailchimp.js';
import { webflow } from '../../../../../widget/detect/adapters/webflow.js';
import { fillAndSubmit, fixture, runDetection, settle } from './detection.js';

const $ = jQuery as unknown as (t: unknown) => { replaceWith(html: string): void; trigger(n: string, d?: unknown): void };
const { confirmed, reset } = runDetection([webflow, mailchimp, gravityForms]);
beforeEach(reset);
afterEach(() => vi.useRealTimers());

const show = (selector: string, text?: string): void => {
  const el = document.querySelector<HTMLElement>(selector)!;
  el.style.display = 'block';
  if (text !== undefined) el.textContent = text;
};

// happy-dom cannot load Gravity's hidden about:blank postback frame and logs about it.
const markup = (path: string): string => fixture(path).replace(/<iframe[^]*?<\/iframe>/, '');

function load(path: string, values: Record<string, string>): HTMLFormElement {
  document.body.innerHTML = markup(path);
  const form = document.querySelector('form')!;
  fillAndSubmit(form, values);
  return form;
}

describe('Webflow', () => {
  const submitted = (): HTMLFormElement => load('webflow/form.html', { name: CANARY.firstName, email: CANARY.email });

  test('.w-form-done shown after a submit confirms once, with the snapshot', async () => {
    const form = submitted();
    form.style.display = 'none';
    show('.w-form-done');
    await settle();
    show('.w-form-done'); // later style churn on the same element
    await settle();
    expect(confirmed).toEqual([{ tool: 'webflow', key: expect.stringMatching(/^webflow:\d+$/), form: 'email-form', element: form, fields: { full_name: CANARY.firstName, email: CANARY.email } }]);
  });

  test('.w-form-fail shown confirms nothing', async () => {
    submitted();
    show('.w-form-fail');
    await settle();
    expect(confirmed).toEqual([]);
  });

  test('a success state already visible at submit time does not confirm the new submit', async () => {
    document.body.innerHTML = fixture('webflow/form.html');
    show('.w-form-done');
    fillAndSubmit(document.querySelector('form')!, {});
    document.querySelector('form')!.setAttribute('data-x', '1');
    await settle();
    expect(confirmed).toEqual([]);
  });

  test('the watch ends after a minute: a late success is not attributed to the submit', async () => {
    vi.useFakeTimers();
    submitted();
    vi.advanceTimersByTime(60_001);
    show('.w-form-done');
    await vi.runAllTimersAsync();
    expect(confirmed).toEqual([]);
  });

  test('without a submit, the success block appearing means nothing', async () => {
    document.body.innerHTML = fixture('webflow/form.html');
    show('.w-form-done');
    await settle();
    expect(confirmed).toEqual([]);
  });
});

describe('Mailchimp', () => {
  const submitted = (extra: Record<string, string> = {}): HTMLFormElement =>
    load('mailchimp/form.html', { EMAIL: CANARY.email, FNAME: CANARY.firstName, ...extra });

  test('#mce-success-response shown with text confirms, with the snapshot taken before the reset', async () => {
    const form = submitted();
    show('#mce-success-response', 'Thank you for subscribing!');
    form.reset();
    await settle();
    expect(confirmed).toEqual([
      { tool: 'mailchimp', key: expect.stringMatching(/^mailchimp:\d+$/), form: 'mc-embedded-subscribe-form', element: form, fields: { first_name: CANARY.firstName, email: CANARY.email } },
    ]);
  });

  test('#mce-error-response shown confirms nothing; a stale success from an earlier subscribe does not count either', async () => {
    const form = submitted();
    show('#mce-success-response', 'Thank you for subscribing!');
    await settle();
    fillAndSubmit(form, { EMAIL: 'not-an-email' });
    show('#mce-error-response', 'Please enter a valid email');
    await settle();
    expect(confirmed).toHaveLength(1);
  });

  test('a filled bot trap (b_…) means no conversion', async () => {
    submitted({ b_0a1b2c3d4e5f_9f8e7d6c5b: 'x' });
    show('#mce-success-response', 'Thank you for subscribing!');
    await settle();
    expect(confirmed).toEqual([]);
  });
});

describe('Gravity Forms', () => {
  const submitted = (extra: Record<string, string> = {}): HTMLFormElement =>
    load('gravity-forms/form.html', { 'input_1.3': CANARY.firstName, input_2: CANARY.email, ...extra });

  test('legacy AJAX: wrapper swapped for the confirmation, then gform_confirmation_loaded; the removed form still feeds it', async () => {
    const form = submitted();
    $('#gform_wrapper_3').replaceWith(fixture('gravity-forms/confirmation.html'));
    $(document).trigger('gform_confirmation_loaded', [3]);
    await settle();
    expect(form.isConnected).toBe(false);
    expect(confirmed).toEqual([{ tool: 'gravity-forms', key: expect.stringMatching(/^gravity-forms:\d+$/), form: 'gform_3', element: form, fields: { first_name: CANARY.firstName, email: CANARY.email } }]);
  });

  test('2.9+ AJAX: the confirmation wrapper appears with no event at all', async () => {
    const form = submitted();
    document.getElementById('gform_wrapper_3')!.outerHTML = fixture('gravity-forms/confirmation.html');
    document.dispatchEvent(new CustomEvent('gform/postRender', { detail: { formId: 3, currentPage: 1 } }));
    await settle();
    expect(confirmed.map((c) => c.element)).toEqual([form]);
  });

  test.each([['saved-link-sent.html'], ['saved-progress.html']])('Save-and-Continue answer %s is not a lead', async (file) => {
    submitted();
    $('#gform_wrapper_3').replaceWith(fixture(`gravity-forms/${file}`));
    $(document).trigger('gform_confirmation_loaded', [3]);
    await settle();
    expect(confirmed).toEqual([]);
  });

  test('a validation re-render (the form again, with errors) confirms nothing', async () => {
    submitted();
    const wrapper = document.getElementById('gform_wrapper_3')!;
    wrapper.classList.add('gform_validation_error');
    wrapper.insertAdjacentHTML('afterbegin', '<div class="gform_validation_errors" role="alert">There was a problem with your submission.</div>');
    await settle();
    expect(confirmed).toEqual([]);
  });

  test('failed validation re-renders the form; after the corrected submit the confirmation counts once', async () => {
    submitted({ input_2: 'not-an-email' });
    $('#gform_wrapper_3').replaceWith(markup('gravity-forms/form.html'));
    await settle();
    const second = document.querySelector('form')!;
    fillAndSubmit(second, { input_2: CANARY.email });
    $('#gform_wrapper_3').replaceWith(fixture('gravity-forms/confirmation.html'));
    await settle();
    expect(confirmed.map((c) => c.element)).toEqual([second]);
  });

  test('a filled honeypot (.gform_validation_container) means no conversion', async () => {
    submitted({ input_99: CANARY.city });
    $('#gform_wrapper_3').replaceWith(fixture('gravity-forms/confirmation.html'));
    await settle();
    expect(confirmed).toEqual([]);
  });
});
