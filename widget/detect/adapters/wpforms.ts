import { jQueryTool } from '../tool-form.js';

/**
 * WPForms (docs/form-tools.md §2): jQuery-only `wpformsAjaxSubmitSuccess`, triggered on
 * the form only when the JSON answer says `success: true`; it bubbles through
 * jQuery to document. Failure events (`…Failed`, `…Error`) are not bound.
 */
export const wpforms = jQueryTool('wpforms', '.wpforms-form', 'wpformsAjaxSubmitSuccess');
