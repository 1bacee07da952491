/**
 * GET /api/admin/dead-letters — events Meta refused for good, newest first (admin token).
 * A thin adapter: the work is in _http/handlers/admin-dead-letters.ts.
 */
export async function GET(request: Request): Promise<Response> {
  return (await import('#functions/admin/dead-letters')).GET(request);
}
