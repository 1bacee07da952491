import type { ConsentRecord } from '../../_contract/records.js';

/**
 * Countries where ad measurement needs prior consent (docs/consent.md §4.1, §4.3):
 * EU27, EEA (IS, LI, NO), UK, CH, plus EU outermost regions and UK-style
 * jurisdictions that carry their own ISO codes, so a visitor there is not
 * mistaken for "rest of world".
 */
export const OPT_IN_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT',
  'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
  'GB', 'CH',
  'AX', 'GF', 'GP', 'MQ', 'RE', 'YT', 'MF', // EU territories with their own ISO codes
  'GI', 'GG', 'JE', 'IM', // UK-adjacent jurisdictions with GDPR-style law
]);

/** What the server knows when it re-checks consent. */
export interface ConsentInput {
  /** the widget's answer as posted */
  consent: { ads: 'granted' | 'denied' | 'unknown'; gpc: boolean; source?: string };
  /** the request carried `Sec-GPC: 1` */
  secGpc: boolean;
  /** ISO alpha-2 from x-vercel-ip-country (any case); absent = unknown */
  country?: string;
  /** ISO 3166-2 subdivision suffix (US state) */
  region?: string;
  /** env.consentPolicy: "opt-in" treats every visitor as being in an opt-in region */
  policy: 'regional' | 'opt-in';
}

/** True when `country` needs prior consent; an unknown country counts as opt-in (docs/consent.md §0). */
export function isOptInCountry(country: string | undefined): boolean {
  return !country || OPT_IN_COUNTRIES.has(country.toUpperCase());
}

/**
 * The server's own consent verdict (docs/consent.md §0): the first matching rule wins.
 * denied → GPC (body or Sec-GPC header) → granted → unknown decided by region.
 * Pure: the same input always gives the same record, and it holds no PII.
 */
export function decideConsent(input: ConsentInput): ConsentRecord {
  const { ads, gpc, source } = input.consent;
  const country = input.country?.toUpperCase();
  const region = country ? (input.region ? `${country}-${input.region.toUpperCase()}` : country) : undefined;
  const [verdict, basis] = verdictOf(ads, gpc, input.secGpc, input.policy, country);
  // No per-call closure or spreads (this runs for every event); keys keep their stored order.
  const record = { ads, gpc: gpc || input.secGpc } as ConsentRecord;
  if (source) record.source = source;
  if (region) record.region = region;
  record.verdict = verdict;
  record.basis = basis;
  return record;
}

function verdictOf(
  ads: ConsentInput['consent']['ads'],
  gpc: boolean,
  secGpc: boolean,
  policy: ConsentInput['policy'],
  country: string | undefined,
): [ConsentRecord['verdict'], string] {
  if (ads === 'denied') return ['suppressed', 'denied'];
  if (gpc) return ['suppressed', 'gpc'];
  if (secGpc) return ['suppressed', 'gpc_header'];
  if (ads === 'granted') return ['allowed', 'granted'];
  if (policy === 'opt-in') return ['suppressed', 'unknown_opt_in_policy'];
  if (!country) return ['suppressed', 'unknown_region'];
  if (isOptInCountry(country)) return ['suppressed', 'unknown_opt_in_region'];
  return ['allowed', 'unknown_opt_out_region'];
}
