import { isOn } from '../config.js';
import type { ConsentMode } from './resolve.js';
import type { CmpOptions } from './types.js';

/** Consent settings from the widget's `<script>` tag, read once at load. */
export interface ConsentConfig {
  /** `data-consent`: auto (by region) | required (opt-in everywhere) | external (site calls consent()). @default "auto" */
  mode: ConsentMode;
  /** `data-consent-revision`: bump to re-ask everyone. @default "1" */
  revision: string;
  /** `data-privacy-url`: linked from the banner. */
  privacyUrl?: string;
  /** `data-theme`. @default "auto" */
  theme: 'light' | 'dark' | 'auto';
  /** `data-lang`: banner language; browser language otherwise. */
  lang?: string;
  /** `data-ldu`: Pixel Limited Data Use, geolocated by Meta (docs/meta-capi.md §8). @default false */
  limitedDataUse: boolean;
  /** `data-tcf-purposes`, `data-onetrust-group`, `data-usercentrics-service`, `data-axeptio-vendor` */
  cmpOptions: Partial<CmpOptions>;
}


/** Read the consent attributes; anything malformed falls back to its default. */
export function readConsentConfig(script: HTMLScriptElement | null): Readonly<ConsentConfig> {
  const d = script?.dataset ?? {};
  const mode = d.consent === 'required' || d.consent === 'external' ? d.consent : 'auto';
  const theme = d.theme === 'light' || d.theme === 'dark' ? d.theme : 'auto';
  // a regex runs only on a present attribute: its first use compiles it, on the init path
  const revision = d.consentRevision && /^[\w.-]{1,32}$/.test(d.consentRevision) ? d.consentRevision : '1';
  const privacyUrl = d.privacyUrl && /^(https?:\/\/|\/)/.test(d.privacyUrl) ? d.privacyUrl : undefined;
  const cmpOptions: Partial<CmpOptions> = { tcfPurposes: isOn(d.tcfPurposes) };
  if (d.onetrustGroup) cmpOptions.oneTrustGroup = d.onetrustGroup;
  if (d.usercentricsService) cmpOptions.usercentricsService = d.usercentricsService;
  if (d.axeptioVendor) cmpOptions.axeptioVendor = d.axeptioVendor;
  return { mode, revision, privacyUrl, theme, lang: d.lang || undefined, limitedDataUse: isOn(d.ldu), cmpOptions };
}
