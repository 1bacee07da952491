/**
 * GET /api/config — where the visitor is, so the widget knows whether to ask
 * for consent before anything fires. A thin adapter over _http/handlers/config.ts.
 */
export async function GET(request: Request): Promise<Response> {
  return (await import('#functions/config')).GET(request);
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = GET;
