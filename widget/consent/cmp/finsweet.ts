import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/**
 * Finsweet Cookie Consent (Webflow): push-queue `window.FsCC`; explicit when
 * the visitor confirmed in opt-in mode (docs/consent.md §3.13).
 */
export const finsweet: CmpAdapter = {
  name: 'finsweet',
  watch(w, report) {
    // The queue runs callbacks once the library is ready (immediately if it already is).
    (w.FsCC = w.FsCC || []).push(
      guarded((fs: any) => {
        const read = guarded(() => {
          const store = fs.store;
          report(toReading(store.getConsents().marketing, !!store.userHasConfirmed() && store.mode !== 'opt-out' && store.mode !== 'informational'));
        });
        fs.consentController?.on('updateconsents', read);
        read();
      }),
    );
  },
};
