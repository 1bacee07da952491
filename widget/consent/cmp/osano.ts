import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/** Osano: `Osano.cm` events; `osano-cm-initialized` passes undefined until the visitor chooses (docs/consent.md §3.9). */
export const osano: CmpAdapter = {
  name: 'osano',
  watch(w, report) {
    const read = guarded((consent: any) => {
      if (consent && consent.MARKETING) report(toReading(consent.MARKETING === 'ACCEPT', true));
      else report(toReading(w.Osano.cm?.marketing, false));
    });
    const subscribe = guarded(() => {
      const cm = w.Osano.cm;
      cm.addEventListener('osano-cm-initialized', read);
      cm.addEventListener('osano-cm-consent-saved', read);
    });
    // Before osano.js is in, `Osano` is the site's pre-load queue function.
    if (w.Osano.cm) subscribe();
    else if (typeof w.Osano === 'function') w.Osano('onInitialized', guarded((consent: unknown) => (subscribe(), read(consent))));
  },
};
