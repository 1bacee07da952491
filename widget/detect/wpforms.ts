import type { Adapter } from './types.js';
import { confirmForm, trackSubmits } from './tool-form.js';

/**
 * WPForms (form-tools.md §2): jQuery-only `wpformsAjaxSubmitSuccess`, triggered on
 * the form only when the JSON answer says `success: true`; it bubbles through
 * jQuery to document. Failure events (`…Failed`, `…Error`) are not bound.
 */
export const wpforms: Adapter = {
  name: 'wpforms',
  claims: '.wpforms-form',
  install(ctx) {
    trackSubmits();
    ctx.withJQuery((jq) =>
      jq(document).on('wpformsAjaxSubmitSuccess', (e) => confirmForm(ctx, 'wpforms', (e as Event).target)),
    );
  },
};
