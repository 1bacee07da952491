/**
 * POST /api/ids — first-party `_fbc`/`_fbp` for the widget (docs/meta-capi.md §4,
 * docs/platform.md §2). The widget calls it on each page load while allowed, with
 * a text/plain JSON body `{ fbc?, fbp? }` as the page sees them. Answers
 * `{ fbc?, fbp?, cookies }`: the effective ids, and "server" when this
 * response set the cookies, "page" when the API is cross-site and the widget
 * must write them. A thin adapter: the work is in _http/handlers/ids.ts.
 */
export async function POST(request: Request): Promise<Response> {
  return (await import('#functions/ids')).POST(request);
}

/** The CORS preflight; the same handler answers it. */
export const OPTIONS = POST;
