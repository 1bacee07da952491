/**
 * What the pipeline reads from the request besides its body. No field is logged.
 * _http/request-context.ts reads it, so the pipeline never sees a Request.
 */
export interface RequestContext {
  /** first X-Forwarded-For hop when it is a valid public IP (IPv6 kept as received) */
  clientIp?: string;
  /** the raw User-Agent header */
  userAgent?: string;
  /** `Sec-GPC: 1` was sent (any other value does not count, GPC spec §3) */
  secGpc: boolean;
  /** Meta cookie values sent with credentials; not yet format-checked */
  cookies: { fbc?: string; fbp?: string; crFbc?: string; crFbp?: string };
  /** ISO 3166-1 alpha-2, upper case, from x-vercel-ip-country */
  country?: string;
  /** ISO 3166-2 subdivision suffix, upper case (e.g. CA), from x-vercel-ip-country-region */
  region?: string;
}
