import type { Adapter } from './types.js';
import { confirmForm, trackSubmits } from './tool-form.js';

type FluentDetail = { form?: unknown } | undefined;

/**
 * Fluent Forms (form-tools.md §5) announces one success up to three times: on the
 * form (triggerHandler, never bubbles), on body (jQuery, bubbles to document) and,
 * from 6.1.6, natively on document. A jQuery binding on document hears the last
 * two (jQuery also handles native events of the same name); both carry the same
 * form, hence the same submit key, so the core counts one.
 */
export const fluentForms: Adapter = {
  name: 'fluent-forms',
  claims: '.frm-fluent-form',
  install(ctx) {
    trackSubmits();
    ctx.withJQuery((jq) =>
      jq(document).on('fluentform_submission_success', (e, data) => {
        const native = (e as { originalEvent?: CustomEvent }).originalEvent?.detail as FluentDetail;
        confirmForm(ctx, 'fluent-forms', ((data as FluentDetail) ?? native)?.form);
      }),
    );
  },
};
