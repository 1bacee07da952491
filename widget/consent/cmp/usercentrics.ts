import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/**
 * Usercentrics: the window events `ucEvent` (v2 default name) and
 * `UC_CONSENT` (v3) carry one boolean per service plus `ucCategory`, and
 * `type` explicit|implicit; returning visitors are read from
 * `UC_UI.getServicesBaseInfo()` (docs/consent.md §3.10 — v3 shapes UNCONFIRMED).
 */
export const usercentrics: CmpAdapter = {
  name: 'usercentrics',
  watch(w, report, options) {
    const service = options.usercentricsService;
    const onEvent = guarded((event: Event) => {
      const d = (event as CustomEvent).detail;
      if (!d || typeof d !== 'object') return;
      // v3 lists services; v2 has a key per service name.
      const listed = Array.isArray(d.services) ? d.services.find((s: any) => s?.name === service) : undefined;
      const allowed = listed ? listed.consent?.given : (d[service] ?? d.ucCategory?.marketing);
      report(toReading(allowed, d.type === 'explicit' || d.consent?.type === 'EXPLICIT'));
    });
    const readStored = guarded(() => {
      const info = w.UC_UI?.getServicesBaseInfo?.();
      const svc = Array.isArray(info) ? info.find((s: any) => s?.name === service) : undefined;
      if (!svc?.consent) return;
      const history = svc.consent.history ?? [];
      report(toReading(svc.consent.status, history[history.length - 1]?.type === 'explicit'));
    });
    for (const name of ['ucEvent', 'UC_CONSENT']) w.addEventListener(name, onEvent);
    w.addEventListener('UC_UI_INITIALIZED', readStored);
    readStored();
  },
};
