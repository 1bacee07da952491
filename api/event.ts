/**
 * POST /api/event — one confirmed form submission → one Lead at Meta's CAPI.
 * A thin adapter: the work is in _core/ingest.ts. Everything heavy is imported
 * on the first request, so a cold import of this module stays cheap.
 */

export async function POST(request: Request): Promise<Response> {
  return handle(request);
}

export async function OPTIONS(request: Request): Promise<Response> {
  return handle(request);
}

async function handle(request: Request): Promise<Response> {
  const [{ getRuntime }, { handleEvent }] = await Promise.all([import('./_core/runtime.js'), import('./_core/ingest.js')]);
  let runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    // A configuration error names the variable (never its value); the visitor just gets a 500.
    console.error(error instanceof Error ? error.message : 'capi-relay: runtime failed to start');
    return new Response(JSON.stringify({ error: 'server_misconfigured' }), {
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  return handleEvent(request, runtime);
}
