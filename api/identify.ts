/**
 * POST /api/identify — a server completes an event captured with
 * `capiRelay.track(…, { pending: true })` with the visitor's details
 * (Authorization: Bearer <IDENTIFY_SECRET>). A thin adapter: the work is in
 * _http/handlers/identify.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return (await import('#functions/identify')).POST(request);
}
