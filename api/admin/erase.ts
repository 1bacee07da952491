/**
 * POST /api/admin/erase — erase one person's events by email, phone or external_id (admin token).
 * A thin adapter: the work is in _http/handlers/admin-erase.ts.
 */
import { route } from '../_http/route.js';

export async function POST(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/admin-erase')).handleAdminErase);
}
