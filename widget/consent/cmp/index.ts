import type { CmpAdapter, CmpOptions, CmpReading, CmpWindow } from '../types.js';
import { axeptio } from './axeptio.js';
import { complianz } from './complianz.js';
import { cookiebot } from './cookiebot.js';
import { cookieyes } from './cookieyes.js';
import { finsweet } from './finsweet.js';
import { googleConsentMode } from './google-consent-mode.js';
import { iubenda } from './iubenda.js';
import { onetrust } from './onetrust.js';
import { osano } from './osano.js';
import { tcf } from './tcf.js';
import { termly } from './termly.js';
import { usercentrics } from './usercentrics.js';
import { wpConsent } from './wp-consent.js';

const ADAPTERS: Record<string, CmpAdapter> = Object.fromEntries(
  [tcf, cookiebot, onetrust, cookieyes, complianz, finsweet, usercentrics, iubenda, osano, termly, axeptio, wpConsent, googleConsentMode].map(
    (a) => [a.name, a],
  ),
);

/** @default values for the per-site adapter knobs. */
export const DEFAULT_CMP_OPTIONS: CmpOptions = {
  tcfPurposes: false,
  oneTrustGroup: 'C0004',
  usercentricsService: 'Facebook Pixel',
  axeptioVendor: 'facebook_pixel',
};

/**
 * Start the adapters for `names` (from detectCmps, plus "gcm" when wanted);
 * `onReading` gets every reading tagged with its platform name. An adapter
 * that throws is skipped: a broken CMP must not break the page.
 *
 * This module is the entry of the lazy chunk `public/wc.js`: w.js carries
 * only detection (cmp/detect.ts) and imports the readers when a platform is
 * present (docs/consent.md §3.0 "keep adapters in the lazy chunk").
 */
export function watchCmps(
  w: CmpWindow,
  names: readonly string[],
  options: Partial<CmpOptions>,
  onReading: (name: string, reading: CmpReading) => void,
): void {
  const resolved = { ...DEFAULT_CMP_OPTIONS, ...options };
  for (const name of names) {
    try {
      ADAPTERS[name]?.watch(w, (reading) => onReading(name, reading), resolved);
    } catch {
      // Unknown API shape: this platform stays silent and the wait timeout decides.
    }
  }
}
