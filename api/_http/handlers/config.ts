import { isOptInCountry } from '../../_pipeline/consent/policy.js';
import type { Env } from '../../_config/env.js';
import { corsFor } from '../cors.js';
import { methodNotAllowed, ok, withHeaders } from '../answers.js';
import { readRequestContext } from '../request-context.js';

/** The answer of GET /api/config: where the visitor is, for consent only (docs/consent.md §4.2). */
export interface RegionAnswer {
  /** ISO 3166-1 alpha-2, or null when the edge gave none (local dev, some proxies) */
  country: string | null;
  /** ISO 3166-2 subdivision suffix (US state), or null */
  region: string | null;
  /** consent must be asked first: EU/EEA/UK/CH, unknown, or CONSENT_POLICY=opt-in */
  optIn: boolean;
}

/**
 * GET /api/config. Geo comes from Vercel's `x-vercel-ip-country[-region]`;
 * no country ⇒ opt-in. Allowed origins get CORS headers; others still get an
 * answer (a same-origin GET carries no Origin) — it holds nothing private.
 */
export function handleRegionConfig(request: Request, deps: { env: Pick<Env, 'allowedOrigins' | 'consentPolicy'> }): Response {
  const cors = corsFor(deps.env.allowedOrigins, ['GET', 'OPTIONS']);
  if (request.method === 'OPTIONS') return cors.preflight(request);
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(['GET', 'OPTIONS']);
  const ctx = readRequestContext(request);
  const answer: RegionAnswer = {
    country: ctx.country ?? null,
    region: ctx.region ?? null,
    optIn: deps.env.consentPolicy === 'opt-in' || isOptInCountry(ctx.country),
  };
  // Per visitor: never cached by a CDN (answers.ts sets no-store).
  const response = ok(answer);
  const origin = cors.check(request);
  return origin.allowed ? withHeaders(response, origin.headers) : response;
}
