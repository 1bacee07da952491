import type { Adapter } from './types.js';
import { confirmForm, trackSubmits } from './tool-form.js';

/**
 * Elementor Pro forms (form-tools.md §7): jQuery-only `submit_success` on the form
 * after a `success: true` answer (errors trigger `error`). Popup and widget forms
 * load late, hence the document-level binding.
 */
export const elementor: Adapter = {
  name: 'elementor',
  claims: '.elementor-form',
  install(ctx) {
    trackSubmits();
    ctx.withJQuery((jq) => jq(document).on('submit_success', (e) => confirmForm(ctx, 'elementor', (e as Event).target)));
  },
};
