/**
 * GET /api/admin/log — the conversion log and one event's detail (admin token);
 * POST with the filters as JSON to search by email, phone or external_id.
 * A thin adapter: the work is in _http/handlers/admin-log.ts.
 */
export async function GET(request: Request): Promise<Response> {
  return (await import('#functions/admin/log')).GET(request);
}

/** A search: the same filters in a JSON body, so the searched value stays out of URLs. */
export const POST = GET;
