/**
 * POST /api/event — one confirmed form submission → one Lead at Meta's CAPI.
 * A thin adapter: the work is in _http/handlers/event.ts.
 */
import { route } from './_http/route.js';

export async function POST(request: Request): Promise<Response> {
  return route(request, async () => (await import('#handlers/event')).handleEvent);
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = POST;
