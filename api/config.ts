/**
 * GET /api/config — where the visitor is, so the widget knows whether to ask
 * for consent before anything fires. A thin adapter over _core/region-config.ts.
 */
import { createCors, type Cors } from './_core/cors.js';
import { loadEnv } from './_core/env.js';
import { handleRegionConfig } from './_core/region-config.js';

let deps: { cors: Cors; policy: 'regional' | 'opt-in' } | undefined;

export async function GET(request: Request): Promise<Response> {
  return handle(request);
}

export async function OPTIONS(request: Request): Promise<Response> {
  return handle(request);
}

function handle(request: Request): Response {
  try {
    if (!deps) {
      const env = loadEnv();
      deps = { cors: createCors({ allowedOrigins: env.allowedOrigins, methods: ['GET', 'OPTIONS'] }), policy: env.consentPolicy };
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : 'capi-relay: configuration failed');
    return new Response(JSON.stringify({ error: 'server_misconfigured' }), {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  return handleRegionConfig(request, deps);
}
