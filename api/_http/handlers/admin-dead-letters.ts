import type { Runtime } from '../../_config/runtime.js';
import { listDeadLetters } from '../../_pipeline/dead-letters.js';
import { refuseUnlessAdmin } from '../admin-auth.js';
import { withStore } from '../admin-store.js';
import { badRequest, methodNotAllowed, ok } from '../answers.js';
import { encodeCursor, readLogQuery } from './admin-log.js';

/**
 * GET /api/admin/dead-letters — permanently refused events newest first with
 * Meta's code, message and fbtrace_id (_pipeline/dead-letters.ts), paged like
 * the log. Admin token required.
 */
export async function handleAdminDeadLetters(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'GET') return methodNotAllowed(['GET']);
  const refused = await refuseUnlessAdmin(request, runtime);
  if (refused) return refused;
  const params = new URL(request.url).searchParams;
  const read = readLogQuery(new URLSearchParams([...params].filter(([key]) => key === 'limit' || key === 'cursor')));
  if ('issues' in read) return badRequest('invalid_query', read.issues);
  return withStore(async () => {
    const page = await listDeadLetters(runtime.store, runtime.now(), read.query.limit, read.query.cursor);
    return ok({ dead_letters: page.dead_letters, next_cursor: page.next ? encodeCursor(page.next) : null });
  });
}
