/**
 * `/api/ids` as the build bundles it: the route file api/ids.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/ids.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleIds } from '../handlers/ids.js';
import { routeWithEnv } from '../route.js';

export async function POST(request: Request): Promise<Response> {
  return routeWithEnv(request, async () => handleIds);
}

export const OPTIONS = POST;
