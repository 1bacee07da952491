/** Meta's Pixel library; the widget only ever loads this exact URL. */
export const FBEVENTS_URL = 'https://connect.facebook.net/en_US/fbevents.js';

/**
 * Install Meta's standard `fbq` queue stub with `init` + `PageView` queued,
 * unless the page already has `fbq` (its own Pixel, already initialised: we
 * never init twice). Returns the function that injects fbevents.js; the
 * caller runs it once first-party click-id cookies are in place, since the
 * Pixel reads them when it starts. Queued calls replay when the library loads.
 */
export function queuePixel(pixelId: string): (() => void) | undefined {
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
  fbq('init', pixelId);
  fbq('track', 'PageView');
  let loaded = false;
  return () => {
    if (loaded) return;
    loaded = true;
    const script = document.createElement('script');
    script.async = true;
    script.src = FBEVENTS_URL;
    document.head.appendChild(script);
  };
}

/** The browser copy of a conversion; `eventID` goes in the 4th argument (meta-capi.md §5). */
export function trackPixel(eventName: string, customData: Record<string, unknown> | undefined, eventId: string): void {
  window.fbq?.('track', eventName, customData ?? {}, { eventID: eventId });
}
