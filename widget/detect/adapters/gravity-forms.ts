import type { Adapter } from '../types.js';
import { confirmWhenShown } from '../after-submit.js';

// Save-and-Continue answers reach the same confirmation branch but are not
// leads: "progress saved" (.form_saved_message) and "link sent"
// (wrapper with .form_saved_message_sent), docs/form-tools.md §3.
const isConfirmation = (form: Element): boolean => {
  const wrapper = document.getElementById('gform_confirmation_wrapper_' + form.id.slice(6));
  return !!wrapper && !wrapper.matches('.form_saved_message_sent') && !wrapper.querySelector('.form_saved_message');
};

const FORMS = 'form[id^=gform_]';

/**
 * Gravity Forms (docs/form-tools.md §3). Both AJAX methods end with
 * `#gform_confirmation_wrapper_{id}` in the page: the legacy iframe method swaps
 * it in right before its jQuery `gform_confirmation_loaded` (the form is gone by
 * then), the 2.9+ method fires no event at all. So one watcher serves both, and
 * the submitted form element (detached, still holding its values) keys and feeds it.
 */
export const gravityForms: Adapter = {
  name: 'gravity-forms',
  claims: FORMS,
  install: (ctx) => confirmWhenShown(ctx, 'gravity-forms', FORMS, isConfirmation),
};
