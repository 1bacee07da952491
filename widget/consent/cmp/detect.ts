/**
 * Which consent platforms are on the page, by the globals (or markup) each
 * one leaves, in precedence order: TCF > vendor globals > WP Consent API
 * (docs/consent.md §3.0). Only names live here so the every-page bundle carries
 * detection, not readers. Google Consent Mode is not listed: it is a
 * secondary signal, never a reason to hide our banner.
 */
export const CMP_MARKERS: ReadonlyArray<readonly [name: string, globals: string, selector?: string]> = [
  ['tcf', '__tcfapi'],
  ['cookiebot', 'Cookiebot'],
  ['onetrust', 'OneTrust OnetrustActiveGroups'],
  ['cookieyes', 'getCkyConsent'],
  ['complianz', 'cmplz_has_consent complianz'],
  ['finsweet', 'FsCC', '[fs-cc]'],
  ['usercentrics', 'UC_UI __ucCmp', '#usercentrics-cmp'],
  ['iubenda', '_iub'],
  ['osano', 'Osano'],
  ['termly', 'Termly'],
  ['axeptio', '_axcb axeptioSDK axeptioSettings'],
  // Without a consent type the WP Consent API answers "yes" to everything: no CMP behind it.
  ['wp-consent', 'wp_consent_type'],
];

/** Names of the platforms present now, in precedence order. */
export function detectCmps(w: Record<string, any>, doc: Document): string[] {
  return CMP_MARKERS.filter(
    ([, globals, selector]) => globals.split(' ').some((g) => w[g] != null) || (!!selector && !!doc.querySelector(selector)),
  ).map(([name]) => name);
}

/** Google Consent Mode commands or state exist (a secondary signal worth reading). */
export function hasConsentModeSignals(w: Record<string, any>): boolean {
  const layer = w.dataLayer;
  return !!w.google_tag_data?.ics?.getConsentState || (Array.isArray(layer) && layer.some((entry) => entry?.[0] === 'consent'));
}
