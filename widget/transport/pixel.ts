/** Meta's Pixel library; the widget only ever loads this exact URL. */
export const FBEVENTS_URL = 'https://connect.facebook.net/en_US/fbevents.js';

/**
 * Install Meta's standard `fbq` queue stub with `init` + `PageView` queued,
 * unless the page already has `fbq` (its own Pixel, already initialised: we
 * never init twice). Returns the function that injects fbevents.js; the
 * caller runs it once first-party click-id cookies are in place, since the
 * Pixel reads them when it starts. Queued calls replay when the library loads.
 */
export function queuePixel(pixelId: string, options: { limitedDataUse?: boolean } = {}): (() => void) | undefined {
  if (window.fbq) return undefined;
  const fbq = function (...args: unknown[]): void {
    if (fbq.callMethod) fbq.callMethod(...args);
    else fbq.queue.push(args);
  } as FbqStub;
  fbq.push = fbq;
  fbq.loaded = true;
  fbq.version = '2.0';
  fbq.queue = [];
  window.fbq = window._fbq = fbq;
  ownsPixel = true;
  // Paused until our gate grants, on every page: Meta keeps no consent state (docs/consent.md §2.1).
  fbq('consent', 'revoke');
  // Limited Data Use, Meta geolocates the state; must precede init (docs/meta-capi.md §8).
  if (options.limitedDataUse) fbq('dataProcessingOptions', ['LDU'], 0, 0);
  fbq('init', pixelId);
  fbq('track', 'PageView');
  let loaded = false;
  return () => {
    if (loaded) return;
    loaded = true;
    // a script inserted by script is async already (HTML "force-async"): no attribute needed
    const script = document.createElement('script');
    script.src = FBEVENTS_URL;
    document.head.appendChild(script);
  };
}

let ownsPixel = false;

/**
 * Grant or revoke the Pixel's consent switch (docs/consent.md §2.1). A grant only
 * ever goes to the Pixel we installed — a site's own Pixel keeps its own
 * consent logic — while a revoke (withdrawal) goes to whatever `fbq` exists.
 */
export function setPixelConsent(granted: boolean): void {
  if (granted && !ownsPixel) return;
  window.fbq?.('consent', granted ? 'grant' : 'revoke');
}

/** The browser copy of a conversion; `eventID` goes in the 4th argument (docs/meta-capi.md §5). */
export function trackPixel(eventName: string, customData: Record<string, unknown> | undefined, eventId: string): void {
  window.fbq?.('track', eventName, customData ?? {}, { eventID: eventId });
}
