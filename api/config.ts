/**
 * GET /api/config — where the visitor is, so the widget knows whether to ask
 * for consent before anything fires. A thin adapter over _http/handlers/config.ts.
 */
import { routeWithEnv } from './_http/route.js';

export async function GET(request: Request): Promise<Response> {
  return routeWithEnv(request, async () => (await import('#handlers/config')).handleRegionConfig);
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = GET;
