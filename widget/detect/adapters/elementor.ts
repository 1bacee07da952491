import { jQueryTool } from '../tool-form.js';

/**
 * Elementor Pro forms (docs/form-tools.md §7): jQuery-only `submit_success` on the form
 * after a `success: true` answer (errors trigger `error`). Popup and widget forms
 * load late, hence the document-level binding.
 */
export const elementor = jQueryTool('elementor', '.elementor-form', 'submit_success');
