/**
 * GET /api/cron/sweep — Vercel Cron (Authorization: Bearer <CRON_SECRET>);
 * POST — QStash deliveries (Upstash-Signature). Re-sends events left pending or
 * stuck in received. A thin adapter: the work is in _http/handlers/sweep.ts.
 */
export async function GET(request: Request): Promise<Response> {
  return (await import('#functions/cron/sweep')).GET(request);
}

export const POST = GET;
