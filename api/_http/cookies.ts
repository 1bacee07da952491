/** Our HttpOnly copies: script cannot clear them, so they restore `_fbc`/`_fbp` after Safari purges script-written storage (docs/platform.md §2.5). */
export const MIRROR = { fbc: '_cr_fbc', fbp: '_cr_fbp' } as const;

/** The four click-id cookies a request may carry (RequestContext.cookies). */
export interface ClickIdCookies {
  fbc?: string;
  fbp?: string;
  crFbc?: string;
  crFbp?: string;
}

/**
 * `_fbc`, `_fbp` and their HttpOnly copies from a Cookie header: the first occurrence of each (browsers
 * send the most specific cookie first, RFC 6265 §5.4), trimmed, surrounding quotes dropped, not
 * URL-decoded (an fbclid must reach Meta byte for byte). Only these four are kept: a site's header
 * often carries a dozen analytics cookies, and a map of all of them (made without a prototype, so
 * that a cookie named `constructor` is not an inherited key) was a slow dictionary object per request.
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
