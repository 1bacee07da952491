// @vitest-environment happy-dom
import jQuery from 'jquery';
import { beforeEach, describe, expect, test } from 'vitest';
import { CANARY } from '../../../../support/canaries.js';
import { elementor } from '../../../../../widget/detect/adapters/elementor.js';
import { fluentForms } from '../../../../../widget/detect/adapters/fluent-forms.js';
import { formidable } from '../../../../../widget/detect/adapters/formidable.js';
import { wpforms } from '../../../../../widget/detect/adapters/wpforms.js';
import type { Adapter } from '../../../../../widget/detect/types.js';
import { fillAndSubmit, fixture, runDetection } from './detection.js';

// The tools' own scripts use jQuery's trigger for these events (docs/form-tools.md
// rule 2), so the replays below go through the real jQuery from npm.
const $ = jQuery as unknown as (target: unknown) => {
  trigger(name: string, data?: unknown): void;
  triggerHandler(name: string, data?: unknown): void;
  replaceWith(html: string): void;
};

interface ToolCase {
  adapter: Adapter;
  fixture: string;
  fill: Record<string, string>;
  honeypot: string;
  /** what the core's snapshot reads from `fill` */
  fields: object;
  /** what the tool's script does after a successful answer (every event it fires) */
  success(form: HTMLFormElement): void;
  /** what it does after a failed or invalid answer */
  failure(form: HTMLFormElement): void;
}

const CASES: ToolCase[] = [
  {
    adapter: wpforms,
    fields: { first_name: CANARY.firstName, email: CANARY.email },
    fixture: 'wpforms/form.html',
    fill: { 'wpforms[fields][0][first]': CANARY.firstName, 'wpforms[fields][1]': CANARY.email },
    honeypot: 'wpforms[hp]',
    success: (form) => $(form).trigger('wpformsAjaxSubmitSuccess', { success: true, data: { confirmation: '<p>Thanks</p>' } }),
    failure: (form) => {
      $(form).trigger('wpformsAjaxSubmitFailed', { success: false, data: { errors: { field: { 1: 'Invalid' } } } });
      $(form).trigger('wpformsAjaxSubmitError', {});
    },
  },
  {
    adapter: elementor,
    fields: { full_name: CANARY.firstName, email: CANARY.email },
    fixture: 'elementor/form.html',
    fill: { 'form_fields[name]': CANARY.firstName, 'form_fields[email]': CANARY.email },
    honeypot: 'form_fields[field_hp]',
    success: (form) => {
      $(form).trigger('submit_success', { message: 'Sent' });
      $(form).trigger('form_destruct', {});
      $(form).trigger('reset');
    },
    failure: (form) => $(form).trigger('error', { message: 'Invalid' }),
  },
  {
    adapter: fluentForms,
    fields: { first_name: CANARY.firstName, email: CANARY.email },
    fixture: 'fluent-forms/form.html',
    fill: { 'names[first_name]': CANARY.firstName, email: CANARY.email },
    honeypot: 'item_4__fluent_sf',
    // All three announcements of one success (docs/form-tools.md §5), form as jQuery object then element.
    success: (form) => {
      const detail = { form: jQuery(form), config: {}, response: { data: { result: { message: 'Thanks' } } } };
      $(form).triggerHandler('fluentform_submission_success', detail);
      $(document.body).trigger('fluentform_submission_success', detail);
      document.dispatchEvent(new CustomEvent('fluentform_submission_success', { detail: { ...detail, form } }));
    },
    failure: (form) => {
      $(form).trigger('fluentform_submission_failed', { form: jQuery(form), response: {} });
      document.dispatchEvent(new CustomEvent('fluentform_submission_failed', { detail: { form } }));
    },
  },
  {
    adapter: formidable,
    fields: { first_name: CANARY.firstName, email: CANARY.email },
    fixture: 'formidable/form.html',
    fill: { 'item_meta[21]': CANARY.firstName, 'item_meta[23]': CANARY.email },
    honeypot: 'item_meta[26]',
    // Native event first (data in a non-standard property), then the container is
    // replaced, then the jQuery event with the now detached form (docs/form-tools.md §6).
    success: (form) => {
      const response = { content: '<div class="frm_message">Thanks</div>' };
      const native = Object.assign(new CustomEvent('frmFormCompleteBeforeReplace'), { frmData: { object: form, response } });
      document.dispatchEvent(native);
      $(form.closest('.frm_forms')).replaceWith('<div class="frm_forms"><div class="frm_message">Thanks</div></div>');
      $(document).trigger('frmFormComplete', [form, response]);
    },
    failure: (form) => $(document).trigger('frmFormErrors', [form, { errors: { 23: 'Invalid' } }]),
  },
];

(window as { jQuery?: unknown }).jQuery = jQuery;
const { confirmed, reset } = runDetection(CASES.map((c) => c.adapter));
beforeEach(reset);

function submitted(c: ToolCase, extra: Record<string, string> = {}): HTMLFormElement {
  document.body.innerHTML = fixture(c.fixture);
  const form = document.querySelector<HTMLFormElement>(c.adapter.claims!)!;
  fillAndSubmit(form, { ...c.fill, ...extra });
  return form;
}

describe.each(CASES.map((c) => [c.adapter.name, c] as const))('%s', (name, c) => {
  test('the success signal(s) of one submission confirm exactly once, with the submit snapshot', () => {
    const form = submitted(c);
    c.success(form);
    expect(confirmed).toEqual([
      { tool: name, key: expect.stringMatching(new RegExp(`^${name}:\\d+$`)), form: form.id || form.getAttribute('name'), element: form, fields: c.fields },
    ]);
  });

  test('failure and invalid signals confirm nothing', () => {
    c.failure(submitted(c));
    expect(confirmed).toEqual([]);
  });

  test('a repeated success signal stays one conversion; the next submission makes a second', () => {
    const form = submitted(c);
    c.success(form);
    c.success(form);
    expect(confirmed).toHaveLength(1);
    c.success(submitted(c));
    expect(confirmed).toHaveLength(2);
  });

  test('a filled honeypot means no conversion', () => {
    c.success(submitted(c, { [c.honeypot]: CANARY.phone }));
    expect(confirmed).toEqual([]);
  });

  test('claims a selector that matches its fixture form only', () => {
    document.body.innerHTML = fixture(c.fixture) + '<form id="plain"><input type="email"></form>';
    expect([...document.querySelectorAll(c.adapter.claims!)].map((f) => f.id)).not.toContain('plain');
    expect(document.querySelectorAll(c.adapter.claims!)).toHaveLength(1);
  });
});
