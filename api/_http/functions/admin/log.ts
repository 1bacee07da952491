/**
 * `/api/admin/log` as the build bundles it: the route file api/admin/log.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/admin/log.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleAdminLog } from '../../handlers/admin-log.js';
import { route } from '../../route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => handleAdminLog);
}

export const POST = GET;
