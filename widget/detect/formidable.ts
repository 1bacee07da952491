import type { Adapter } from './types.js';
import { confirmForm, trackSubmits } from './tool-form.js';

/**
 * Formidable (form-tools.md §6): after an AJAX answer holding its success message
 * it fires native `frmFormCompleteBeforeReplace` (6.9+, form in `event.frmData`)
 * and then jQuery-only `frmFormComplete` (form as first argument). Both name the
 * same detached form, so they share one submit key. Errors (`frmFormErrors`) and
 * page changes (`frmPageChanged`) are not bound.
 */
export const formidable: Adapter = {
  name: 'formidable',
  claims: '.frm_forms form',
  install(ctx) {
    trackSubmits();
    ctx.withJQuery((jq) =>
      jq(document).on('frmFormComplete frmFormCompleteBeforeReplace', (e, form) =>
        confirmForm(
          ctx,
          'formidable',
          form ?? (e as { originalEvent?: { frmData?: { object?: unknown } } }).originalEvent?.frmData?.object,
        ),
      ),
    );
  },
};
