/**
 * `/api/admin/summary` as the build bundles it: the route file api/admin/summary.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/admin/summary.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleAdminSummary } from '../../handlers/admin-summary.js';
import { route } from '../../route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => handleAdminSummary);
}
