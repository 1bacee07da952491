/** Where the visitor is, as far as consent is concerned (docs/consent.md §4.2): only whether opt-in applies. */
export interface RegionInfo {
  /** consent must be asked before anything fires */
  optIn: boolean;
}

// Non-Europe/* zones of EU/EEA territory (detect-europe-js's idea, docs/consent.md §4.2), and
// UTC/GMT/Etc zones, which say nothing about place (fingerprint-resisting browsers report UTC).
const OPT_IN_ZONES = /^(Europe|Atlantic|Arctic|Etc)\/|^(UTC|GMT|UCT|Universal|Zulu|Asia\/(Nicosia|Famagusta)|Indian\/(Reunion|Mayotte)|America\/(Guadeloupe|Martinique|Cayenne|Marigot))$/;

/**
 * Fallback when /api/config is unreachable: any Europe/, Atlantic/, Arctic/
 * or placeless (UTC, Etc/) zone, or an unknown one, counts as opt-in.
 * Deliberately over-inclusive.
 */
export function isOptInTimeZone(zone: string | undefined): boolean {
  return !zone || OPT_IN_ZONES.test(zone);
}

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

// One lookup per tab session; the answer holds no PII.
const CACHE_KEY = 'capi_region';

/**
 * Ask our API (`GET /api/config`, geo from Vercel's headers) where the visitor
 * is; fall back to the time zone (`zone`, default the browser's) if that fails. Never rejects.
 */
export async function lookupRegion(configUrl: string, fetchImpl: typeof fetch = fetch, zone?: string): Promise<RegionInfo> {
  let storage: Storage | undefined;
  try {
    storage = sessionStorage;
    const cached = storage.getItem(CACHE_KEY);
    if (cached) return JSON.parse(cached) as RegionInfo;
  } catch {
    // storage denied (no cache then) or an unreadable cache: ask again
  }
  try {
    const response = await fetchImpl(configUrl, { credentials: 'omit' });
    const body = response.ok ? await response.json() : null;
    if (typeof body?.optIn === 'boolean') {
      // country and region are not needed here (the server reads them from its own request headers)
      const info: RegionInfo = { optIn: body.optIn };
      storage?.setItem(CACHE_KEY, JSON.stringify(info));
      return info;
    }
  } catch {
    // offline or blocked: the time zone decides, over-inclusively
  }
  // read only now: the first Intl call costs milliseconds of main thread at load
  return { optIn: isOptInTimeZone(zone ?? browserTimeZone()) };
}
