/**
 * GET /api/config — where the visitor is, so the widget knows whether to ask
 * for consent before anything fires. A thin adapter over _core/region-config.ts.
 */
import type { Cors } from './_core/cors.js';
import type { Runtime } from './_core/runtime.js';

export async function GET(request: Request): Promise<Response> {
  return handle(request);
}

export async function OPTIONS(request: Request): Promise<Response> {
  return handle(request);
}

const corsByRuntime = new WeakMap<Runtime, Cors>();

async function handle(request: Request): Promise<Response> {
  const [{ getRuntime }, { createCors }, { handleRegionConfig }] = await Promise.all([
    import('./_core/runtime.js'),
    import('./_core/cors.js'),
    import('./_core/region-config.js'),
  ]);
  let runtime: Runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    // A configuration error names the variable (never its value).
    console.error(error instanceof Error ? error.message : 'capi-relay: runtime failed to start');
    return new Response(JSON.stringify({ error: 'server_misconfigured' }), {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  let cors = corsByRuntime.get(runtime);
  if (!cors) corsByRuntime.set(runtime, (cors = createCors({ allowedOrigins: runtime.env.allowedOrigins, methods: ['GET', 'OPTIONS'] })));
  return handleRegionConfig(request, { cors, policy: runtime.env.consentPolicy });
}
