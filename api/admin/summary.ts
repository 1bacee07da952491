/**
 * GET /api/admin/summary — counts per state, match-quality levers and warnings (admin token).
 * A thin adapter: the work is in _http/handlers/admin-summary.ts.
 */
export async function GET(request: Request): Promise<Response> {
  return (await import('#functions/admin/summary')).GET(request);
}
