import type { CmpAdapter } from '../types.js';
import { readCookie } from '../cookie.js';
import { guarded, toReading } from './reading.js';

/**
 * Complianz: only its `<prefix>marketing` cookie shows a real choice;
 * `cmplz_has_consent` also says yes for bots and in opt-out regions, so it
 * only ever gives an implied reading (docs/consent.md §3.7).
 */
export const complianz: CmpAdapter = {
  name: 'complianz',
  watch(w, report) {
    const read = guarded(() => {
      const choice = readCookie(`${w.complianz?.prefix ?? 'cmplz_'}marketing`, w.document);
      if (choice === 'allow' || choice === 'deny') return report(toReading(choice === 'allow', true));
      if (typeof w.cmplz_has_consent === 'function') report(toReading(w.cmplz_has_consent('marketing'), false));
    });
    for (const name of ['cmplz_status_change', 'cmplz_fire_categories', 'cmplz_revoke']) w.document.addEventListener(name, read);
    read();
  },
};
