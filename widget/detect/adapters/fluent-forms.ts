import { jQueryTool } from '../tool-form.js';

/**
 * Fluent Forms (docs/form-tools.md §5) announces one success up to three times: on the
 * form (triggerHandler, never bubbles), on body (jQuery, bubbles to document) and,
 * from 6.1.6, natively on document. A jQuery binding on document hears the last
 * two (jQuery also runs its handlers for native events of the same name); both
 * carry the same form, hence the same submit key, so the core counts one.
 */
export const fluentForms = jQueryTool(
  'fluent-forms',
  '.frm-fluent-form',
  'fluentform_submission_success',
  (event, arg) => (arg ?? event.originalEvent?.detail)?.form,
);
