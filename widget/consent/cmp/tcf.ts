import type { CmpAdapter } from '../types.js';
import { guarded } from './reading.js';

// Store/access, personalised-ad profile + selection, ad measurement (docs/consent.md §3.1).
const META_PURPOSES = [1, 3, 4, 7];

/** IAB TCF v2.2: `__tcfapi('addEventListener')`; acts only on tcloaded / useractioncomplete. */
export const tcf: CmpAdapter = {
  name: 'tcf',
  watch(w, report, options) {
    w.__tcfapi(
      'addEventListener',
      2,
      guarded((data: any, success: boolean) => {
        if (!success || !data) return;
        // GDPR does not apply: a hint that may relax nothing in an opt-in region, hence not explicit.
        if (data.gdprApplies === false) return report({ ads: 'granted', explicit: false });
        if (data.eventStatus !== 'tcloaded' && data.eventStatus !== 'useractioncomplete') return;
        const consents = data.purpose?.consents ?? {};
        const granted = options.tcfPurposes && META_PURPOSES.every((id) => consents[id] === true);
        // Meta is no IAB vendor, so without the purpose opt-in there is no basis at all: denied.
        report({ ads: granted ? 'granted' : 'denied', explicit: true });
      }),
    );
  },
};
