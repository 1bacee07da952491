import type { BannerConfig, bannerLanguage, showBanner } from './banner/index.js';
import type { ConsentConfig } from './config.js';
import type { ConsentDecision } from './resolve.js';
import { startConsentSignals, type ConsentSignals, type ConsentSignalsConfig } from './signals.js';
import type { StoredDecision } from './types.js';

/** The consent part of every event body: `consent: { ads, gpc, source, id }`. */
export interface ConsentSnapshot {
  ads: 'granted' | 'denied' | 'unknown';
  gpc: boolean;
  source: string;
  /** the visitor's random consent id (the server hashes it), once any answer exists */
  id?: string;
}

/** What the widget core calls. */
export interface ConsentController {
  /** Run `action` now if Meta is allowed; else hold it in memory until allowed on this page, or drop it on a refusal. */
  whenAllowed(action: () => void): void;
  snapshot(): ConsentSnapshot;
  /** `capiRelay.consent('grant' | 'revoke')` */
  consent(action: unknown): void;
  /** `capiRelay.showConsent()`: reopen our banner (never under GPC, with a platform, or data-consent="external") */
  showConsent(): void;
  /** Every change of decision (e.g. to revoke the Pixel on withdrawal). */
  subscribe(listener: (decision: ConsentDecision) => void): unknown;
}

/** Where the controller sends and fetches things. */
export interface ConsentEndpoints {
  /** base URL of the relay, with its trailing slash (config.ts `endpoint`) */
  api: string;
  /**
   * Absolute URL of a chunk next to w.js (banner.js, wc.js: the consent-platform readers);
   * resolved only when the chunk is imported, not at init.
   */
  chunkUrl(file: string): string;
}

/** What banner.js exports (loaded with import(), so only its types are imported here). */
interface BannerModule {
  showBanner: typeof showBanner;
  bannerLanguage: typeof bannerLanguage;
}

/** POST one decision for the proof log; a string body is sent as text/plain, which keeps it a simple CORS request. */
function sendProof(url: string, decision: StoredDecision, lang: string | undefined): void {
  const body = { id: decision.id, ads: decision.ads, source: decision.src, revision: decision.v, ts: decision.ts, lang, page: location.origin + location.pathname };
  fetch(url, { method: 'POST', body: JSON.stringify(body), keepalive: true, credentials: 'omit' }).catch(() => undefined);
}

/**
 * Wire the signals to the banner, the proof log and the public API
 * (docs/consent.md §0). Nothing Meta-related runs unless `whenAllowed` says so.
 */
export function startConsent(
  config: ConsentConfig,
  endpoints: ConsentEndpoints,
  timing: Pick<ConsentSignalsConfig, 'cmpGraceMs' | 'cmpTimeoutMs'> = {},
): ConsentController {
  let held: (() => void)[] = [];
  let asked = false;
  let bannerLang: string | undefined;
  const signals: ConsentSignals = startConsentSignals({
    mode: config.mode,
    revision: config.revision,
    configUrl: `${endpoints.api}api/config`,
    cmpOptions: config.cmpOptions,
    adapters: () => import(/* @vite-ignore */ endpoints.chunkUrl('wc.js')),
    ...timing,
    onRecord: (decision) => sendProof(`${endpoints.api}api/consent`, decision, decision.src === 'banner' ? bannerLang : undefined),
  });

  const ask = (): void => {
    const banner: BannerConfig = { theme: config.theme, lang: config.lang, privacyUrl: config.privacyUrl };
    import(/* @vite-ignore */ endpoints.chunkUrl('banner.js')).then(
      (mod: BannerModule) => {
        bannerLang = mod.bannerLanguage(banner);
        return mod.showBanner(banner).then((choice) => choice && signals.record(choice, 'banner'));
      },
      () => undefined, // banner.js blocked or offline: nothing fires, as with no answer
    );
  };

  const onDecision = (decision: ConsentDecision): void => {
    if (decision.allowed) {
      const run = held;
      held = [];
      run.forEach((action) => action());
    } else if (decision.ads === 'denied') {
      held = []; // a lead held before the answer is never sent after a refusal (docs/consent.md §0 row 4)
    }
    if (decision.askBanner && !asked) {
      asked = true;
      ask();
    }
  };
  signals.subscribe(onDecision);
  onDecision(signals.current());

  return {
    whenAllowed(action) {
      const d = signals.current();
      if (d.allowed) action();
      else if (d.ads !== 'denied') held.push(action);
    },
    snapshot() {
      const d = signals.current();
      // no id before any answer (undefined is left out of the JSON body)
      return { ads: d.ads, gpc: d.gpc, source: d.source, id: signals.consentId() };
    },
    consent(action) {
      if (action === 'grant' || action === 'revoke') signals.record(action === 'grant' ? 'granted' : 'denied', 'external');
    },
    showConsent() {
      const d = signals.current();
      if (!d.gpc && config.mode !== 'external' && !d.source.startsWith('cmp:')) ask();
    },
    subscribe: signals.subscribe,
  };
}
