import { describe, expect, test } from 'vitest';
import { CANARY } from '../../../../support/canaries.js';
import { pickFields } from '../../../../../widget/detect/pick-fields.js';

describe('pickFields', () => {
  test.each([
    ['HubSpot v2 properties', [['email', CANARY.email], ['firstname', CANARY.firstName], ['lastname', CANARY.lastName], ['mobilephone', CANARY.phone], ['zip', CANARY.zip]], { email: CANARY.email, first_name: CANARY.firstName, last_name: CANARY.lastName, phone: CANARY.phone, zip: CANARY.zip }],
    ['HubSpot v4 names', [['0-1/email', CANARY.email], ['0-1/city', CANARY.city], ['0-1/state', 'WA'], ['0-1/country', 'US']], { email: CANARY.email, city: CANARY.city, state: 'WA', country: 'US' }],
    ['Klaviyo keys', [['$email', CANARY.email], ['$phone_number', CANARY.phone]], { email: CANARY.email, phone: CANARY.phone }],
    ['Ninja Forms types', [['firstname', CANARY.firstName], ['liststate', 'WA'], ['listcountry', 'US']], { first_name: CANARY.firstName, state: 'WA', country: 'US' }],
    ['the first non-empty value per role', [['phone', ''], ['phone', CANARY.phone], ['mobilephone', '+1 555 0100']], { phone: CANARY.phone }],
    ['unknown names, non-strings and messages left out', [['message', 'Hi'], ['email', 42], ['hs_context', '{}'], ['company', 'Acme']], {}],
  ] as [string, [string, unknown][], object][])('%s', (_label, pairs, fields) => {
    expect(pickFields(pairs)).toEqual(fields);
  });
});
