/**
 * GET /api/config — where the visitor is, so the widget knows whether to ask
 * for consent before anything fires. A thin adapter over _core/region-config.ts.
 */
import type { Cors } from './_core/cors.js';
import type { Runtime } from './_core/runtime.js';
import { withRuntime } from './_core/with-runtime.js';

const corsByRuntime = new WeakMap<Runtime, Cors>();

export async function GET(request: Request): Promise<Response> {
  return withRuntime(async (runtime) => {
    const [{ createCors }, { handleRegionConfig }] = await Promise.all([import('./_core/cors.js'), import('./_core/region-config.js')]);
    let cors = corsByRuntime.get(runtime);
    if (!cors) corsByRuntime.set(runtime, (cors = createCors({ allowedOrigins: runtime.env.allowedOrigins, methods: ['GET', 'OPTIONS'] })));
    return handleRegionConfig(request, { cors, policy: runtime.env.consentPolicy });
  });
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = GET;
