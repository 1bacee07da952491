import type { Adapter } from '../types.js';
import { pickFields } from '../pick-fields.js';

/**
 * Klaviyo onsite forms (docs/form-tools.md §12): native `klaviyoForms` on window for
 * every form activity; only `type: 'submit'` is the conversion (fires once per
 * form, hence the key per form id). Values come in `metaData` (`$email` or `email`).
 */
export const klaviyo: Adapter = {
  name: 'klaviyo',
  claims: '.klaviyo-form form', // [unconfirmed markup]
  install(ctx) {
    addEventListener('klaviyoForms', (e) => {
      const d = (e as CustomEvent<{ type?: string; formId?: string; metaData?: object } | undefined>).detail;
      if (d?.type == 'submit')
        ctx.confirm({ tool: 'klaviyo', key: 'klaviyo:' + d.formId, form: d.formId, fields: pickFields(Object.entries(d.metaData ?? {})) });
    });
  },
};
