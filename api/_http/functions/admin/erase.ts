/**
 * `/api/admin/erase` as the build bundles it: the route file api/admin/erase.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/admin/erase.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleAdminErase } from '../../handlers/admin-erase.js';
import { route } from '../../route.js';

export async function POST(request: Request): Promise<Response> {
  return route(request, async () => handleAdminErase);
}
