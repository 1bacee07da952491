import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

// "Targeting & Advertising" in per-purpose mode (docs/consent.md §3.12, UNCONFIRMED mapping).
const ADS_PURPOSE = '5';

/**
 * iubenda: chain onto `_iub.csConfiguration.callback` (which iubenda calls on
 * each page once a preference exists) and read `_iub.cs.api` when loaded.
 */
export const iubenda: CmpAdapter = {
  name: 'iubenda',
  watch(w, report) {
    const iub = w._iub;
    const fromPreference = guarded((pref: any) => {
      const purposes = pref?.purposes;
      report(toReading(purposes ? purposes[ADS_PURPOSE] : pref?.consent, true));
    });
    const config = iub.csConfiguration;
    if (config) {
      const callback = (config.callback = config.callback || {});
      const previous = callback.onPreferenceExpressed;
      callback.onPreferenceExpressed = function (this: unknown, pref: unknown) {
        fromPreference(pref);
        return typeof previous === 'function' ? previous.call(this, pref) : undefined;
      };
    }
    guarded(() => {
      const api = iub.cs?.api;
      if (api?.isPreferenceExpressed?.()) {
        const perPurpose = api.getPreferences?.()?.purposes;
        report(toReading(perPurpose ? perPurpose[ADS_PURPOSE] : api.isConsentGiven(), true));
      }
    })();
  },
};
