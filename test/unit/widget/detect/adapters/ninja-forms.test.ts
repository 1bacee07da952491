// @vitest-environment happy-dom
import jQuery from 'jquery';
import { beforeEach, describe, expect, test } from 'vitest';
import { CANARY } from '../../../../support/canaries.js';
import { ninjaForms } from '../../../../../widget/detect/adapters/ninja-forms.js';
import { fixture, runDetection } from './detection.js';

(window as { jQuery?: unknown }).jQuery = jQuery;
const { confirmed, reset } = runDetection([ninjaForms]);
beforeEach(() => {
  reset();
  document.body.innerHTML = fixture('ninja-forms/form.html');
});

// Ninja Forms' submit controller answers every AJAX response with this jQuery
// event (docs/form-tools.md §4); the merged field models ride along.
const respond = (response: object): void =>
  void (jQuery as unknown as (t: unknown) => { trigger(n: string, d: unknown): void })(document).trigger('nfFormSubmitResponse', { response, id: '2' });

const FIELDS = {
  5: { key: 'firstname_1712', type: 'firstname', label: 'First Name', value: CANARY.firstName },
  6: { key: 'email', type: 'email', label: 'Email', value: CANARY.email },
  7: { key: 'message', type: 'textarea', label: 'Message', value: 'Hello' },
  8: { key: 'submit', type: 'submit', label: 'Submit', value: '' },
};

describe('Ninja Forms', () => {
  test.each([
    ['an empty errors array', []],
    ['an empty errors object', {}],
    ['no errors property', undefined],
  ])('a response with %s confirms, with the fields from the response', (_label, errors) => {
    respond({ errors, data: { fields: FIELDS } });
    expect(confirmed).toEqual([
      {
        tool: 'ninja-forms',
        key: expect.stringMatching(/^ninja-forms#\d+$/),
        form: 'nf-form-2-cont',
        element: document.getElementById('nf-form-2-cont'),
        fields: { first_name: CANARY.firstName, email: CANARY.email },
      },
    ]);
  });

  test('a response carrying errors confirms nothing', () => {
    respond({ errors: { fields: { 6: 'Please enter a valid email address!' } }, data: { fields: FIELDS } });
    expect(confirmed).toEqual([]);
  });
});
