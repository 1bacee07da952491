/**
 * GET /api/config — where the visitor is, so the widget knows whether to ask
 * for consent before anything fires. A thin adapter over _http/handlers/config.ts.
 */
import type { Cors } from './_http/cors.js';
import type { Runtime } from './_config/runtime.js';
import { withRuntime } from './_http/route.js';

const corsByRuntime = new WeakMap<Runtime, Cors>();

export async function GET(request: Request): Promise<Response> {
  return withRuntime(async (runtime) => {
    const [{ createCors }, { handleRegionConfig }] = await Promise.all([import('./_http/cors.js'), import('./_http/handlers/config.js')]);
    let cors = corsByRuntime.get(runtime);
    if (!cors) corsByRuntime.set(runtime, (cors = createCors({ allowedOrigins: runtime.env.allowedOrigins, methods: ['GET', 'OPTIONS'] })));
    return handleRegionConfig(request, { cors, policy: runtime.env.consentPolicy });
  });
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = GET;
