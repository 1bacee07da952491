import type { CmpAdapter, CmpReading } from '../types.js';
import { guarded } from './reading.js';

const AD_TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization'];

/**
 * The last `gtag('consent', …)` state per type from `dataLayer`: Consent
 * Mode has no documented page read API, so we replay the commands the page
 * queued (docs/consent.md §3.3). `update` marks a state as coming from a CMP.
 */
function fromDataLayer(layer: unknown): { state: Record<string, string>; updated: boolean } {
  const state: Record<string, string> = {};
  let updated = false;
  if (Array.isArray(layer)) {
    for (const entry of layer) {
      if (entry?.[0] !== 'consent' || typeof entry[2] !== 'object' || !entry[2]) continue;
      // Region-scoped defaults apply to a subset of visitors we cannot see; skip them.
      if (entry[1] === 'default' && entry[2].region) continue;
      if (entry[1] === 'update') updated = true;
      Object.assign(state, entry[2]);
    }
  }
  return { state, updated };
}

/** Google Consent Mode v2, a secondary signal only: explicit only when an `update` ran. */
export function readConsentMode(w: Record<string, any>): CmpReading {
  const ics = w.google_tag_data?.ics;
  let values: string[];
  let updated: boolean;
  if (ics?.getConsentState) {
    // Internal enum: 1 granted, 2 denied (docs/consent.md §3.3, UNCONFIRMED stability).
    values = AD_TYPES.map((t) => ({ 1: 'granted', 2: 'denied' })[ics.getConsentState(t) as 1 | 2] ?? '');
    updated = !!ics.usedUpdate;
  } else {
    const layer = fromDataLayer(w.dataLayer);
    values = AD_TYPES.map((t) => layer.state[t] ?? '');
    updated = layer.updated;
  }
  // ad_user_data or ad_storage denied is a refusal; only all three granted is a grant.
  if (values[0] === 'denied' || values[1] === 'denied') return { ads: 'denied', explicit: updated };
  return { ads: values.every((v) => v === 'granted') ? 'granted' : 'unknown', explicit: updated };
}

/** Adapter form: re-read on Consent Mode's own listener, or on a dataLayer push. */
export const googleConsentMode: CmpAdapter = {
  name: 'gcm',
  watch(w, report) {
    const read = guarded(() => report(readConsentMode(w)));
    const ics = w.google_tag_data?.ics;
    if (ics?.addListener) ics.addListener(AD_TYPES, read);
    else if (Array.isArray(w.dataLayer)) {
      const layer = w.dataLayer;
      const push = layer.push;
      layer.push = function (...items: unknown[]) {
        const result = push.apply(this, items);
        read();
        return result;
      };
    }
    read();
  },
};
