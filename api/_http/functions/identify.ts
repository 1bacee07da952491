/**
 * `/api/identify` as the build bundles it: the route file api/identify.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/identify.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleIdentify } from '../handlers/identify.js';
import { route } from '../route.js';

export async function POST(request: Request): Promise<Response> {
  return route(request, async () => handleIdentify);
}
