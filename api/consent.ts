/**
 * POST /api/consent — record a consent decision (proof, no PII) and, on a
 * withdrawal, cancel that visitor's events still waiting to be sent.
 * A thin adapter: the work is in _http/handlers/consent.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return (await import('#functions/consent')).POST(request);
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = POST;
