/**
 * POST /api/admin/resend — send a dead letter again, once (admin token).
 * A thin adapter: the work is in _http/handlers/admin-resend.ts.
 */
import { route } from '../_http/route.js';

export async function POST(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/admin-resend')).handleAdminResend);
}
