import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/** Axeptio: SDK queue `_axcb`, `cookies:complete` choices keyed by vendor (docs/consent.md §3.15). */
export const axeptio: CmpAdapter = {
  name: 'axeptio',
  watch(w, report, options) {
    (w._axcb = w._axcb || []).push(
      guarded((sdk: any) => {
        sdk.on('cookies:complete', guarded((choices: any) => report(toReading(!!choices?.[options.axeptioVendor], true))));
      }),
    );
  },
};
