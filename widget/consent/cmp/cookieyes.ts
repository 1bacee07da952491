import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/** CookieYes: `getCkyConsent().categories.advertisement`, explicit when `isUserActionCompleted` (docs/consent.md §3.6). */
export const cookieyes: CmpAdapter = {
  name: 'cookieyes',
  watch(w, report) {
    const read = guarded(() => {
      const state = w.getCkyConsent?.();
      if (state?.categories) report(toReading(state.categories.advertisement, !!state.isUserActionCompleted));
    });
    for (const name of ['cookieyes_banner_load', 'cookieyes_consent_update']) w.document.addEventListener(name, read);
    read();
  },
};
