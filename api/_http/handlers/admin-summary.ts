import { describeSender, type Runtime } from '../../_config/runtime.js';
import { summaryView } from '../../_pipeline/admin-views.js';
import { refuseUnlessAdmin } from '../admin-auth.js';
import { withStore } from '../admin-store.js';
import { methodNotAllowed, ok } from '../answers.js';

const DAY_MS = 86_400_000;

/**
 * GET /api/admin/summary — counts per state for the last 24 h and 7 d, the
 * share of sent events carrying each match key with what would raise it, and
 * the warnings the page shows as banners. One store round trip. Admin token required.
 */
export async function handleAdminSummary(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'GET') return methodNotAllowed(['GET']);
  const refused = await refuseUnlessAdmin(request, runtime);
  if (refused) return refused;
  return withStore(async () => {
    const now = runtime.now();
    const summary = await runtime.store.summarize(now - DAY_MS, now - 7 * DAY_MS);
    const warnings: { code: string; message: string }[] = [];
    // docs/meta-capi.md: a test event code sends every event to Test Events, none to the ads
    if (runtime.env.metaTestEventCode && runtime.env.vercelEnv === 'production') {
      warnings.push({ code: 'test_event_code_in_production', message: 'META_TEST_EVENT_CODE is set on this production deployment: every event goes to Events Manager → Test Events and none counts for your ads. Remove it and redeploy.' });
    }
    return ok({ sender: describeSender(runtime.env), ...summaryView(summary), warnings });
  });
}
