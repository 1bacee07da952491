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
