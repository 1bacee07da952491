import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/**
 * OneTrust: the Meta group (C0004 by default) in `OnetrustActiveGroups`;
 * explicit only once the banner was closed in an opt-in consent model
 * (docs/consent.md §3.5).
 */
export const onetrust: CmpAdapter = {
  name: 'onetrust',
  watch(w, report, options) {
    const read = guarded(() => {
      const groups = w.OnetrustActiveGroups;
      const ot = w.OneTrust;
      if (typeof groups !== 'string' || !ot) return;
      const explicit = !!ot.IsAlertBoxClosed?.() && ot.GetDomainData?.()?.ConsentModel?.Name === 'opt-in';
      report(toReading(groups.split(',').includes(options.oneTrustGroup), explicit));
    });
    // Fires on every OneTrust load and on every change.
    w.addEventListener('OneTrustGroupsUpdated', read);
    read();
  },
};
