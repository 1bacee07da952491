/**
 * POST /api/consent — record a consent decision (proof, no PII) and, on a
 * withdrawal, cancel that visitor's events still waiting to be sent.
 * A thin adapter: the work is in _core/consent-endpoint.ts.
 */

export async function POST(request: Request): Promise<Response> {
  return handle(request);
}

export async function OPTIONS(request: Request): Promise<Response> {
  return handle(request);
}

async function handle(request: Request): Promise<Response> {
  const [{ getRuntime }, { handleConsent }, { consentDepsFor }] = await Promise.all([
    import('./_core/runtime.js'),
    import('./_core/consent-endpoint.js'),
    import('./_core/consent-runtime.js'),
  ]);
  let deps;
  try {
    deps = consentDepsFor(await getRuntime());
  } catch (error) {
    // A configuration error names the variable (never its value).
    console.error(error instanceof Error ? error.message : 'capi-relay: runtime failed to start');
    return new Response(JSON.stringify({ error: 'server_misconfigured' }), {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  return handleConsent(request, deps);
}
