import type { Adapter } from '../types.js';
import { confirmWhenShown, isDisplayed } from '../after-submit.js';

const FORMS = '#mc-embedded-subscribe-form';

/**
 * Mailchimp classic embed (docs/form-tools.md §11): mc-validate.js fires no event; it
 * shows `#mce-success-response` with the server's text and resets the form in
 * the same callback, so fields come from the submit snapshot. The response
 * blocks sit inside the generated form.
 */
export const mailchimp: Adapter = {
  name: 'mailchimp',
  claims: FORMS,
  install: (ctx) =>
    confirmWhenShown(ctx, 'mailchimp', FORMS, (form) => {
      const message = form.querySelector('#mce-success-response');
      return isDisplayed(message) && message?.textContent?.trim();
    }),
};
