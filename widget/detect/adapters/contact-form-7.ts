import type { Adapter } from '../types.js';
import { confirmForm, trackSubmits } from '../tool-form.js';

/**
 * Contact Form 7 (docs/form-tools.md §1): `wpcf7mailsent` is the only success;
 * `wpcf7submit` also fires for invalid and spam. The native event bubbles from
 * the form (≥ 5.4) or its `div.wpcf7` wrapper (≤ 5.3), so one document listener
 * serves every form, including ones added later.
 */
export const contactForm7: Adapter = {
  name: 'cf7',
  claims: '.wpcf7-form',
  install(ctx) {
    trackSubmits();
    document.addEventListener('wpcf7mailsent', (e) => {
      const target = e.target as Element;
      confirmForm(ctx, 'cf7', target.matches('form') ? target : target.querySelector('form'));
    });
  },
};
