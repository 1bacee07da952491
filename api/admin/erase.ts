/**
 * POST /api/admin/erase — erase one person's events by email, phone or external_id (admin token).
 * A thin adapter: the work is in _http/handlers/admin-erase.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return (await import('#functions/admin/erase')).POST(request);
}
