/**
 * POST /api/event — one confirmed form submission → one Lead at Meta's CAPI.
 * A thin adapter: the work is in _http/handlers/event.ts.
 */
import { withRuntime } from './_http/route.js';

export async function POST(request: Request): Promise<Response> {
  return withRuntime(async (runtime) => (await import('./_http/handlers/event.js')).handleEvent(request, runtime));
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = POST;
