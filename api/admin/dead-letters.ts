/**
 * GET /api/admin/dead-letters — events Meta refused for good, newest first (admin token).
 * A thin adapter: the work is in _http/handlers/admin-dead-letters.ts.
 */
import { route } from '../_http/route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/admin-dead-letters')).handleAdminDeadLetters);
}
