/**
 * POST /api/admin/resend — send a dead letter again, once (admin token).
 * A thin adapter: the work is in _http/handlers/admin-resend.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return (await import('#functions/admin/resend')).POST(request);
}
