import type { Runtime } from '../_config/runtime.js';
import { tooManyRequests, unauthorized } from './answers.js';
import { bearerMatches } from './bearer-auth.js';
import { ADMIN_AUTH_FAILURES } from './rate-limits.js';
import { readRequestContext } from './request-context.js';

/**
 * Gate every admin route: `Authorization: Bearer <ADMIN_TOKEN>`, compared in
 * constant time (bearer-auth.ts). A wrong or missing token answers 401 and
 * counts against the caller's IP; once ADMIN_AUTH_FAILURES are spent every
 * request from that IP gets 429 until the window passes, the right token
 * included, so guessing cannot go on at full speed. The token is never echoed.
 * Returns the refusal, or undefined when the request may go on.
 */
export async function refuseUnlessAdmin(request: Request, runtime: Pick<Runtime, 'env' | 'limiter'>): Promise<Response | undefined> {
  const ip = readRequestContext(request).clientIp ?? 'local';
  const limiter = runtime.limiter;
  if (limiter) {
    const state = await limiter.peek(ADMIN_AUTH_FAILURES, ip);
    if (!state.allowed) return tooManyRequests(state.retryAfterMs / 1000, 'admin-auth');
  }
  if (bearerMatches(request.headers.get('authorization'), runtime.env.adminToken)) return undefined;
  if (limiter) await limiter.hit(ADMIN_AUTH_FAILURES, ip);
  return unauthorized(runtime.env.adminToken ? 'send Authorization: Bearer <ADMIN_TOKEN>' : 'the admin API is off: set ADMIN_TOKEN');
}
