/** Our HttpOnly copies: script cannot clear them, so they restore `_fbc`/`_fbp` after Safari purges script-written storage (docs/platform.md §2.5). */
export const MIRROR = { fbc: '_cr_fbc', fbp: '_cr_fbp' } as const;

/** Cookie header → name/value map. Values are not URL-decoded: an fbclid must reach Meta byte for byte. */
export function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    // the first occurrence wins, as browsers send the most specific cookie first (RFC 6265 §5.4)
    if (name && !(name in out)) out[name] = value;
  }
  return out;
}

/** The four click-id cookies a request may carry (RequestContext.cookies). */
export interface ClickIdCookies {
  fbc?: string;
  fbp?: string;
  crFbc?: string;
  crFbp?: string;
}

/**
 * `_fbc`, `_fbp` and their HttpOnly copies, read as parseCookies reads them (first occurrence,
 * trimmed, quotes dropped, not URL-decoded), without a map of every cookie the site sets: a
 * site's Cookie header often carries a dozen analytics cookies, and the map parseCookies builds
 * has no prototype, which makes V8 give it a slow dictionary (`Object.create(null)`).
 */
export function readClickIdCookies(header: string | null): ClickIdCookies {
  // all four keys from the start: one object shape for every request
  const found: ClickIdCookies = { fbc: undefined, fbp: undefined, crFbc: undefined, crFbp: undefined };
  if (!header) return found;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = keyOf(part.slice(0, eq).trim());
    if (key === undefined || found[key] !== undefined) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    found[key] = value;
  }
  return found;
}

function keyOf(name: string): keyof ClickIdCookies | undefined {
  switch (name) {
    case '_fbc':
      return 'fbc';
    case '_fbp':
      return 'fbp';
    case MIRROR.fbc:
      return 'crFbc';
    case MIRROR.fbp:
      return 'crFbp';
    default:
      return undefined;
  }
}
