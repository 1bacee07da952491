import { CMP_MARKERS, detectCmps, hasConsentModeSignals } from './cmp/detect.js';
import type { watchCmps } from './cmp/index.js';
import { lookupRegion, type RegionInfo } from './region.js';
import { resolveConsent, type ConsentDecision, type ConsentMode } from './resolve.js';
import { isDecisionCurrent, newConsentId, readStoredDecision, writeStoredDecision } from './store.js';
import type { CmpOptions, CmpReading, CmpWindow, StoredDecision } from './types.js';

/** Options for startConsentSignals; all resolved once from the script tag. */
export interface ConsentSignalsConfig {
  /** @default "auto" */
  mode: ConsentMode;
  /** `data-consent-revision`; a different value re-asks. @default "1" */
  revision: string;
  /** absolute URL of GET /api/config */
  configUrl: string;
  /** loads the platform readers (the lazy chunk wc.js in the widget; the module itself in tests) */
  adapters: () => Promise<{ watchCmps: typeof watchCmps }>;
  cmpOptions?: Partial<CmpOptions>;
  /** after window load, how long a late consent platform may take to appear. @default 800 */
  cmpGraceMs?: number;
  /** how long a detected platform may take to give its first answer. @default 4000 */
  cmpTimeoutMs?: number;
  /** for tests. @default globalThis.fetch */
  fetchImpl?: typeof fetch;
  /** called once per new explicit decision (ours or a platform's), for the consent proof */
  onRecord?: (decision: StoredDecision) => void;
}

/** Live consent state for the page. */
export interface ConsentSignals {
  current(): ConsentDecision;
  /** Called on every change of the decision. */
  subscribe(listener: (decision: ConsentDecision) => void): void;
  /** Store the visitor's own answer (banner or `capiRelay.consent()`). */
  record(ads: 'granted' | 'denied', source: 'banner' | 'external'): void;
  /** The visitor's consent id, once any answer was recorded. */
  consentId(): string | undefined;
}

/**
 * Gather GPC, region, consent platforms and the stored answer, and keep one
 * decision current (docs/consent.md §0). Nothing here loads UI or talks to Meta.
 */
export function startConsentSignals(config: ConsentSignalsConfig, w: CmpWindow = window as CmpWindow): ConsentSignals {
  const doc = w.document;
  const gpc = (w.navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const options = config.cmpOptions ?? {};
  const watch: typeof watchCmps = (...args) =>
    void config.adapters().then(
      (mod) => mod.watchCmps(...args),
      () => undefined, // chunk blocked: the platforms stay silent and the wait timeout decides
    );
  const listeners = new Set<(decision: ConsentDecision) => void>();
  const readings: Record<string, CmpReading> = {};
  // detected platforms in precedence order (CMP_MARKERS); one seen once stays counted
  let cmps: string[] = [];
  // document.cookie is a synchronous round trip to the browser process
  // (milliseconds at load): read on first need, at the latest in `gather`.
  let last: StoredDecision | null | undefined;
  const stored = (): StoredDecision | null => (last === undefined ? (last = readStoredDecision(doc)) : last);
  let region: RegionInfo | undefined;
  const watchPlatforms = !gpc && config.mode !== 'external';
  let cmpWaitOver = !watchPlatforms;
  // Until `gather` runs: no answer yet (GPC: denied), so nothing fires early.
  let decision = compute();

  function compute(): ConsentDecision {
    const own = last && (last.src === 'banner' || last.src === 'external') && isDecisionCurrent(last, config.revision, Date.now()) ? last : null;
    const regionKnown = config.mode !== 'auto' || !!region;
    return resolveConsent({ mode: config.mode, gpc, regionOptIn: region?.optIn ?? true, settled: regionKnown && cmpWaitOver, cmps, readings, stored: own });
  }

  function remember(ads: 'granted' | 'denied', src: string): void {
    const prev = stored();
    if (prev && prev.ads === ads && prev.src === src && prev.v === config.revision) return;
    last = { v: config.revision, id: prev?.id ?? newConsentId(), ts: Date.now(), ads, src };
    writeStoredDecision(last, doc);
    config.onRecord?.(last);
  }

  function update(): void {
    const next = compute();
    // A platform's explicit answer is recorded for the proof log, once per change.
    if (next.explicit && next.source.startsWith('cmp:') && next.ads !== 'unknown') remember(next.ads, next.source);
    // decisions are flat objects of primitives built in one key order (resolve.ts)
    const changed = JSON.stringify(next) != JSON.stringify(decision);
    decision = next;
    if (changed) for (const listener of [...listeners]) listener(next);
  }

  let consentModeWatched = false;

  function scan(final: boolean): void {
    // Consent Mode is only a secondary signal: read it, but it never hides our banner.
    if (!consentModeWatched && hasConsentModeSignals(w)) {
      consentModeWatched = true;
      watch(w, ['gcm'], options, (name, r) => ((readings[name] = r), update()));
    }
    const found = detectCmps(w, doc).filter((name) => !cmps.includes(name));
    if (found.length) {
      cmps = CMP_MARKERS.map(([name]) => name).filter((name) => cmps.includes(name) || found.includes(name));
      watch(w, found, options, (name, reading) => {
        readings[name] = reading;
        if (cmps.includes(name)) cmpWaitOver = true;
        update();
      });
      // A platform that never answers (blocked, broken): the region default decides (docs/consent.md §3.0).
      w.setTimeout(() => ((cmpWaitOver = true), update()), config.cmpTimeoutMs ?? 4000);
    }
    if (final && cmps.length === 0) cmpWaitOver = true;
    update();
  }

  // Cookies, platform globals and the region request cost main-thread time:
  // they run one task after load, so the widget's init stays within ~2 ms.
  w.setTimeout(() => {
    stored();
    if (watchPlatforms) {
      scan(false);
      const finalScan = () => w.setTimeout(() => scan(true), config.cmpGraceMs ?? 800);
      if (doc.readyState === 'complete') finalScan();
      else w.addEventListener('load', finalScan, { once: true });
      if (config.mode === 'auto') void lookupRegion(config.configUrl, config.fetchImpl).then((info) => ((region = info), update()));
    }
    update();
  });

  return {
    current: () => decision,
    subscribe(listener) {
      listeners.add(listener);
    },
    record(ads, source) {
      remember(ads, source);
      update();
    },
    consentId: () => stored()?.id,
  };
}
