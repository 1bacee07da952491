import { jQueryTool } from '../tool-form.js';

/**
 * Formidable (docs/form-tools.md §6): after an AJAX answer holding its success message
 * it fires native `frmFormCompleteBeforeReplace` (6.9+, form in `event.frmData`)
 * and then jQuery-only `frmFormComplete` (form as first argument). Both name the
 * same detached form, so they share one submit key. Errors (`frmFormErrors`) and
 * page changes (`frmPageChanged`) are not bound.
 */
export const formidable = jQueryTool(
  'formidable',
  '.frm_forms form',
  'frmFormComplete frmFormCompleteBeforeReplace',
  (event, form) => form ?? event.originalEvent?.frmData?.object,
);
