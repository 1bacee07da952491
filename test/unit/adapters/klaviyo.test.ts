// @vitest-environment happy-dom
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { CANARY } from '../../support/canaries.js';
import { klaviyo } from '../../../widget/detect/klaviyo.js';
import { fakeContext } from './fake-context.js';

const { ctx, confirmed, reset } = fakeContext();
beforeAll(() => klaviyo.install(ctx));
beforeEach(reset);

// klaviyo.js reports every form activity as one window CustomEvent (form-tools.md §12).
const activity = (detail: object): boolean => dispatchEvent(new CustomEvent('klaviyoForms', { detail }));

describe('Klaviyo', () => {
  test.each([
    ['$-prefixed keys', { $email: CANARY.email, $phone_number: CANARY.phone, $first_name: CANARY.firstName }],
    ['plain keys', { email: CANARY.email, phone_number: CANARY.phone, first_name: CANARY.firstName }],
  ])('type submit confirms once per form with metaData using %s', (_label, metaData) => {
    activity({ type: 'submit', formId: 'XyZ12a', companyId: 'C0', metaData });
    activity({ type: 'submit', formId: 'XyZ12a', companyId: 'C0', metaData });
    expect(confirmed).toEqual([
      { tool: 'klaviyo', key: 'klaviyo:XyZ12a', form: 'XyZ12a', fields: { email: CANARY.email, phone: CANARY.phone, first_name: CANARY.firstName } },
    ]);
  });

  test.each([['open'], ['embedOpen'], ['close'], ['stepSubmit'], ['redirectedToUrl']])('type %s confirms nothing', (type) => {
    activity({ type, formId: 'XyZ12a', metaData: { $email: CANARY.email } });
    expect(confirmed).toEqual([]);
  });
});
