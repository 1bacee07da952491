import type { CmpAdapter } from '../types.js';
import { readCookie } from '../cookie.js';
import { guarded, toReading } from './reading.js';

/**
 * WP Consent API: `wp_has_consent` answers true when no CMP set a consent
 * type, so only the `wp_consent_marketing` cookie counts as a choice; an
 * `optout` consent type gives an implied grant (docs/consent.md §3.8).
 */
export const wpConsent: CmpAdapter = {
  name: 'wp-consent',
  watch(w, report) {
    const read = guarded((event?: Event) => {
      // The change event carries the new value before some CMPs rewrite the cookie.
      const fromEvent = (event as CustomEvent | undefined)?.detail?.marketing;
      const choice = fromEvent ?? readCookie('wp_consent_marketing', w.document);
      if (choice === 'allow' || choice === 'deny') return report(toReading(choice === 'allow', true));
      if (w.wp_consent_type) report(toReading(w.wp_consent_type === 'optout', false));
    });
    for (const name of ['wp_listen_for_consent_change', 'wp_consent_type_defined']) w.document.addEventListener(name, read);
    read();
  },
};
