/**
 * `/api/admin/dead-letters` as the build bundles it: the route file api/admin/dead-letters.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/admin/dead-letters.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleAdminDeadLetters } from '../../handlers/admin-dead-letters.js';
import { route } from '../../route.js';

export async function GET(request: Request): Promise<Response> {
  return route(request, async () => handleAdminDeadLetters);
}
