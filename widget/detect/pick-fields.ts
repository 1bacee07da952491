import type { RawUserFields } from '../../api/_contract/wire.js';

// Names the tools themselves use for contact data, reduced to lowercase without
// "_", a leading "$" (Klaviyo) or the "0-1/" object prefix (HubSpot v4):
// HubSpot properties, Klaviyo metaData keys, Ninja Forms field types
// (docs/form-tools.md §4, §9, §12 and "Tool-specific names").
const ROLES: Record<string, keyof RawUserFields> = {
  email: 'email',
  phone: 'phone',
  phonenumber: 'phone',
  mobilephone: 'phone',
  firstname: 'first_name',
  lastname: 'last_name',
  city: 'city',
  zip: 'zip',
  state: 'state',
  liststate: 'state',
  country: 'country',
  listcountry: 'country',
};

/** Contact fields from a tool's own [name, value] pairs; the first non-empty value per role wins. */
export function pickFields(pairs: Iterable<[string, unknown]>): RawUserFields {
  const fields: RawUserFields = {};
  for (const [name, value] of pairs) {
    const role = ROLES[name.toLowerCase().replace(/^\$|^0-1\/|_/g, '')];
    if (role && value && typeof value == 'string' && !fields[role]) fields[role] = value;
  }
  return fields;
}
