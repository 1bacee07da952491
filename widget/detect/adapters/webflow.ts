import type { Adapter } from '../types.js';
import { confirmWhenShown, isDisplayed } from '../after-submit.js';

const FORMS = '.w-form form';

/**
 * Webflow (docs/form-tools.md §8): webflow.js fires no event; on success it shows the
 * sibling `.w-form-done` and hides the form (values stay). Failure shows
 * `.w-form-fail` instead, which never confirms.
 */
export const webflow: Adapter = {
  name: 'webflow',
  claims: FORMS,
  install: (ctx) =>
    confirmWhenShown(ctx, 'webflow', FORMS, (form) =>
      isDisplayed(form.closest('.w-form')?.querySelector('.w-form-done')),
    ),
};
