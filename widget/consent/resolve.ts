import type { AdsConsent, CmpReading, ConsentSource, StoredDecision } from './types.js';

/** `data-consent`: auto (by region), required (opt-in everywhere), external (the site calls consent()). */
export type ConsentMode = 'auto' | 'required' | 'external';

/** Everything the decision depends on, gathered by signals.ts. */
export interface ConsentInputs {
  mode: ConsentMode;
  /** navigator.globalPrivacyControl === true */
  gpc: boolean;
  /** the visitor's region needs opt-in (unknown counts as opt-in, docs/consent.md §4.2) */
  regionOptIn: boolean;
  /** region known and the wait for consent platforms is over */
  settled: boolean;
  /** names of the consent platforms detected on the page, in precedence order */
  cmps: readonly string[];
  /** latest reading per platform name (may include the secondary "gcm") */
  readings: Readonly<Record<string, CmpReading>>;
  /** our own stored answer (banner or external), already checked for revision and age */
  stored: StoredDecision | null;
}

/** One decision for "Pixel + CAPI" — Meta is all-or-nothing (docs/consent.md §0). */
export interface ConsentDecision {
  ads: AdsConsent;
  gpc: boolean;
  source: ConsentSource;
  /** the answer was a real user action */
  explicit: boolean;
  /** Pixel may load and events may be posted */
  allowed: boolean;
  /** our banner should be shown now (no platform, no answer, opt-in, not GPC) */
  askBanner: boolean;
}

function decided(inputs: ConsentInputs, optIn: boolean, ads: AdsConsent, source: ConsentSource, explicit: boolean): ConsentDecision {
  const { gpc, settled, mode } = inputs;
  return {
    ads,
    gpc,
    source,
    explicit,
    // Rows 3–5 of docs/consent.md §0: a grant, or no answer outside opt-in once we know the region.
    allowed: ads === 'granted' || (ads === 'unknown' && !optIn && settled),
    askBanner: ads === 'unknown' && optIn && settled && !gpc && mode !== 'external' && inputs.cmps.length === 0,
  };
}

/**
 * The policy table of docs/consent.md §0, first match wins: GPC; explicit denial
 * from any platform; the authoritative platform; (no platform) Consent Mode
 * update, then our stored answer; else no answer yet.
 */
export function resolveConsent(inputs: ConsentInputs): ConsentDecision {
  const optIn = inputs.mode !== 'auto' || inputs.regionOptIn;
  // GPC beats everything, in every region, and is never prompted (docs/consent.md §1.4).
  if (inputs.gpc) return decided(inputs, optIn, 'denied', 'gpc', false);
  // With data-consent="external" only the site's own calls count.
  if (inputs.mode === 'external') {
    return inputs.stored?.src === 'external'
      ? decided(inputs, optIn, inputs.stored.ads, 'external', true)
      : decided(inputs, optIn, 'unknown', 'external', false);
  }
  const heard = Object.entries(inputs.readings);
  const refusal = heard.find(([, r]) => r.ads === 'denied' && r.explicit);
  if (refusal) return decided(inputs, optIn, 'denied', `cmp:${refusal[0]}`, true);

  const primary = inputs.cmps.find((name) => inputs.readings[name]);
  if (primary) {
    const r = inputs.readings[primary]!;
    // An implied or default "allowed" is no consent where opt-in applies (docs/consent.md §3.0).
    const ads = r.ads === 'granted' && !r.explicit && optIn ? 'unknown' : r.ads;
    return decided(inputs, optIn, ads, `cmp:${primary}`, r.explicit);
  }
  if (inputs.cmps.length > 0) return decided(inputs, optIn, 'unknown', `cmp:${inputs.cmps[0]}`, false);

  const gcm = inputs.readings.gcm;
  if (gcm?.ads === 'granted' && gcm.explicit) return decided(inputs, optIn, 'granted', 'cmp:gcm', true);
  if (inputs.stored) return decided(inputs, optIn, inputs.stored.ads, inputs.stored.src, true);
  return decided(inputs, optIn, 'unknown', 'region', false);
}
