/**
 * GET /api/admin/summary — counts per state, match-quality levers and warnings (admin token).
 * A thin adapter: the work is in _http/handlers/admin-summary.ts.
 */
import { route } from '../_http/route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/admin-summary')).handleAdminSummary);
}
