/**
 * `/api/admin/status` as the build bundles it: the route file api/admin/status.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/admin/status.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleStatus } from '../../handlers/status.js';

export async function GET(request: Request): Promise<Response> {
  return handleStatus(request);
}

export const POST = GET;
