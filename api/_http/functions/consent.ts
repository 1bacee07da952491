/**
 * `/api/consent` as the build bundles it: the route file api/consent.ts forwards here, and
 * scripts/bundle-functions.ts bundles this file with everything it reaches into one module
 * (api/_bundle/functions/consent.mjs), so a cold start loads one file (docs/platform.md §1.12).
 */
import { handleConsent } from '../handlers/consent.js';
import { route } from '../route.js';

export async function POST(request: Request): Promise<Response> {
  return route(request, async () => handleConsent);
}

export const OPTIONS = POST;
