/**
 * `/api/config` as the build bundles it: the route file api/config.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/config.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleRegionConfig } from '../handlers/config.js';
import { routeWithEnv } from '../route.js';

export async function GET(request: Request): Promise<Response> {
  return routeWithEnv(request, async () => handleRegionConfig);
}

export const OPTIONS = GET;
