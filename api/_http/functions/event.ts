/**
 * `/api/event` as the build bundles it: the route file api/event.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/event.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleEvent } from '../handlers/event.js';
import { route } from '../route.js';

export async function POST(request: Request): Promise<Response> {
  return route(request, async () => handleEvent);
}

export const OPTIONS = POST;
