// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { CANARY } from '../../../../support/canaries.js';
import { klaviyo } from '../../../../../widget/detect/adapters/klaviyo.js';
import { runDetection } from './detection.js';

const { confirmed, reset } = runDetection([klaviyo]);
beforeEach(reset);

// klaviyo.js reports every form activity as one window CustomEvent (docs/form-tools.md §12).
const activity = (detail: object): boolean => dispatchEvent(new CustomEvent('klaviyoForms', { detail }));

describe('Klaviyo', () => {
  test.each([
    ['$-prefixed keys', { $email: CANARY.email, $phone_number: CANARY.phone, $first_name: CANARY.firstName }],
    ['plain keys', { email: CANARY.email, phone_number: CANARY.phone, first_name: CANARY.firstName }],
  ])('type submit confirms once per form with metaData using %s', (label, metaData) => {
    const formId = label.slice(0, 5);
    activity({ type: 'submit', formId, companyId: 'C0', metaData });
    activity({ type: 'submit', formId, companyId: 'C0', metaData });
    expect(confirmed).toEqual([
      { tool: 'klaviyo', key: 'klaviyo:' + formId, form: formId, fields: { email: CANARY.email, phone: CANARY.phone, first_name: CANARY.firstName } },
    ]);
  });

  test.each([['open'], ['embedOpen'], ['close'], ['stepSubmit'], ['redirectedToUrl']])('type %s confirms nothing', (type) => {
    activity({ type, formId: 'XyZ12a', metaData: { $email: CANARY.email } });
    expect(confirmed).toEqual([]);
  });
});
