import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/**
 * Termly: `Termly.getConsentState().advertising`. Termly exposes no
 * "did the user act" flag (docs/consent.md §3.11, UNCONFIRMED); it starts with
 * advertising off where consent is required, so its answer is taken as explicit.
 */
export const termly: CmpAdapter = {
  name: 'termly',
  watch(w, report) {
    const read = guarded(() => {
      const state = w.Termly.getConsentState?.();
      if (state) report(toReading(state.advertising, true));
    });
    guarded(() => {
      w.Termly.on?.('initialized', read);
      w.Termly.on?.('consent', read);
    })();
    read();
  },
};
