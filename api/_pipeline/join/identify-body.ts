import * as z from 'zod/mini';
import '../zod-messages.js';
import { cleanUserFields } from '../event-rules.js';
import { userSchema } from '../validate.js';
import type { Issue, RawUserFields } from '../../_contract/wire.js';

/** The body of POST /api/identify: the event it completes and the visitor's details (RawUserFields). */
export const identifyBodySchema = z.object(
  {
    event_id: z.uuid({ error: 'must be the UUID of the event captured with { pending: true }' }),
    ...userSchema.shape,
  },
  { error: 'body must be a JSON object' },
);

export type IdentifyBody = { event_id: string; user: RawUserFields };

/** Check a parsed body; at least one contact field must be set. Every problem is listed. */
export function validateIdentifyBody(body: unknown): { ok: true; body: IdentifyBody } | { ok: false; issues: Issue[] } {
  const parsed = identifyBodySchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
  }
  const { event_id, ...fields } = parsed.data;
  const user = cleanUserFields(fields) as RawUserFields;
  const set = Object.fromEntries(Object.entries(user).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as RawUserFields;
  if (Object.keys(set).length === 0) return { ok: false, issues: [{ path: '', message: 'must carry at least one of email, phone, first_name, last_name, full_name, city, state, zip, country, date_of_birth, gender, external_id' }] };
  return { ok: true, body: { event_id, user: set } };
}
