import { describeSender, type Runtime } from '../../_config/runtime.js';
import { summaryView } from '../../_pipeline/admin-views.js';
import { pausesToken, tokenFingerprint } from '../../_pipeline/pause.js';
import { refuseUnlessAdmin } from '../admin-auth.js';
import { withStore } from '../admin-store.js';
import { methodNotAllowed, ok } from '../answers.js';

const DAY_MS = 86_400_000;

/**
 * GET /api/admin/summary — counts per state for the last 24 h and 7 d, the
 * share of sent events carrying each match key with what would raise it, and
 * the warnings the page shows as banners: sending paused by a refused token, a test
 * event code in production. Two store calls, side by side. Admin token required.
 */
export async function handleAdminSummary(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'GET') return methodNotAllowed(['GET']);
  const refused = await refuseUnlessAdmin(request, runtime);
  if (refused) return refused;
  return withStore(async () => {
    const now = runtime.now();
    const [summary, pause] = await Promise.all([runtime.store.summarize(now - DAY_MS, now - 7 * DAY_MS), runtime.store.getPause()]);
    const warnings: { code: string; message: string }[] = [];
    // _pipeline/pause.ts: a pause set for another token (the one replaced by a new deployment) no longer holds
    if (pausesToken(pause, tokenFingerprint(runtime.env.metaAccessToken))) {
      warnings.push({
        code: 'sending_paused',
        message: `Sending is paused since ${new Date(pause.since).toISOString()}: Meta refused the access token (${pause.reason}). New leads are kept as pending, none is lost. Make a new token in Events Manager, set META_ACCESS_TOKEN and redeploy: sending resumes by itself.`,
      });
    }
    // docs/meta-capi.md: a test event code sends every event to Test Events, none to the ads
    if (runtime.env.metaTestEventCode && runtime.env.vercelEnv === 'production') {
      warnings.push({ code: 'test_event_code_in_production', message: 'META_TEST_EVENT_CODE is set on this production deployment: every event goes to Events Manager → Test Events and none counts for your ads. Remove it and redeploy.' });
    }
    return ok({ sender: describeSender(runtime.env), ...summaryView(summary), warnings });
  });
}
