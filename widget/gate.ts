import { skip } from './debug.js';

/** The consent part of every event body (F's consent module supplies the real answer). */
export interface ConsentSnapshot {
  ads: 'unknown' | 'granted' | 'denied';
  gpc: boolean;
  source: string;
}

/**
 * The one gate every Meta-related action passes: loading the Pixel, writing
 * click-id cookies, posting events. For now it knows one rule: Global Privacy
 * Control on → nothing at all happens (consent.md). The consent module plugs in here.
 */
export function whenAllowed(action: () => void): void {
  if (navigator.globalPrivacyControl === true) return skip('Global Privacy Control is on');
  action();
}

/** What the widget knows about consent when an event is sent. */
export function consentSnapshot(): ConsentSnapshot {
  return { ads: 'unknown', gpc: false, source: 'default' };
}
