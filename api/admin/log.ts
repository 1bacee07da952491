/**
 * GET /api/admin/log — the conversion log and one event's detail (admin token).
 * A thin adapter: the work is in _http/handlers/admin-log.ts.
 */
import { route } from '../_http/route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/admin-log')).handleAdminLog);
}
