/**
 * `/api/cron/sweep` as the build bundles it: the route file api/cron/sweep.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/cron/sweep.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleSweep } from '../../handlers/sweep.js';
import { route } from '../../route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => handleSweep);
}

export const POST = GET;
