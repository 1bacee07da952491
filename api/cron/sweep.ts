/**
 * GET /api/cron/sweep — Vercel Cron (Authorization: Bearer <CRON_SECRET>);
 * POST — QStash deliveries (Upstash-Signature). Re-sends events left pending or
 * stuck in received. A thin adapter: the work is in _http/handlers/sweep.ts.
 */
import { route } from '../_http/route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/sweep')).handleSweep);
}

export const POST = GET;
