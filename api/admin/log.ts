/**
 * GET /api/admin/log — the conversion log and one event's detail (admin token);
 * POST with the filters as JSON to search by email, phone or external_id.
 * A thin adapter: the work is in _http/handlers/admin-log.ts.
 */
import { route } from '../_http/route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/admin-log')).handleAdminLog);
}

/** A search: the same filters in a JSON body, so the searched value stays out of URLs. */
export const POST = GET;
