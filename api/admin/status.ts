/**
 * GET /api/admin/status — what `capi-relay doctor` checks on the server: which
 * variables are set and valid (never their values), the store, Meta. Behind
 * ADMIN_TOKEN. Unlike the other routes it answers when the configuration does
 * not load, so it does not go through route(): reporting that is its job.
 */
export async function GET(request: Request): Promise<Response> {
  return (await import('#functions/admin/status')).GET(request);
}

/** POST `{ "test_event_code": "…" }`: the same, plus one test event to Meta. */
export const POST = GET;
