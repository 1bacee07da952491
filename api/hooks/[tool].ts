/**
 * POST /api/hooks/<tool> — a form tool's signed webhook with the visitor's details
 * (docs/form-tools.md §22). A thin adapter: the work is in _http/handlers/hooks.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return (await import('#functions/hooks/[tool]')).POST(request);
}
