/**
 * POST /api/event — one confirmed form submission → one Lead at Meta's CAPI.
 * A thin adapter: the work is in _http/handlers/event.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return (await import('#functions/event')).POST(request);
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = POST;
