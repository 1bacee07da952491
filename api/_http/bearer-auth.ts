import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `authorization` is exactly `Bearer <secret>`. Both sides are
 * hashed first so the comparison takes the same time whatever the length or
 * content of the guess (docs/platform.md §1.8: Vercel Cron sends CRON_SECRET
 * this way; the admin endpoints use ADMIN_TOKEN the same way). An unset or
 * empty secret never matches: a route whose secret is missing is closed.
 */
export function bearerMatches(authorization: string | null | undefined, secret: string | undefined): boolean {
  if (!secret) return false;
  const presented = createHash('sha256').update(authorization ?? '').digest();
  const expected = createHash('sha256').update(`Bearer ${secret}`).digest();
  return timingSafeEqual(presented, expected);
}
