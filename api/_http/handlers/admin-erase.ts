import type { Runtime } from '../../_config/runtime.js';
import { identitiesFor, type IdentityQuery } from '../../_pipeline/identity.js';
import { withPhoneParser } from '../../_pipeline/normalize/phone-parser.js';
import type { Issue } from '../../_contract/wire.js';
import { refuseUnlessAdmin } from '../admin-auth.js';
import { withStore } from '../admin-store.js';
import { badRequest, methodNotAllowed, ok } from '../answers.js';
import { readJsonBody } from '../request-body.js';

const FIELDS = ['email', 'phone', 'external_id'] as const;

/**
 * POST /api/admin/erase `{ "email" | "phone" | "external_id": "…" }` — a
 * data-subject erasure (README "Erasure"): the value is normalized and hashed
 * here, every event filed under it loses its record, raw receipt, dedup key
 * and index entries in one store operation, and the answer counts what was
 * removed. The value itself is never stored, logged or echoed. Admin token required.
 */
export async function handleAdminErase(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed(['POST']);
  const refused = await refuseUnlessAdmin(request, runtime);
  if (refused) return refused;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const value = body.value;
  const issues: Issue[] = [];
  const query: IdentityQuery = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({ path: '', message: 'send a JSON object with email, phone or external_id' });
  } else {
    for (const field of FIELDS) {
      const given = (value as Record<string, unknown>)[field];
      if (given === undefined) continue;
      if (typeof given !== 'string' || given.trim() === '') issues.push({ path: field, message: 'must be a non-empty string' });
      else query[field] = given;
    }
    if (issues.length === 0 && Object.keys(query).length === 0) issues.push({ path: '', message: 'give at least one of email, phone or external_id' });
  }
  const { identities, invalid } = issues.length ? { identities: [], invalid: [] } : await withPhoneParser(() => identitiesFor(query, runtime.env.defaultCountry));
  for (const field of invalid) issues.push({ path: field, message: `is not a valid ${field.replace('_', ' ')}` });
  if (issues.length) return badRequest('invalid_request', issues);
  return withStore(async () => ok({ erased: await runtime.store.erase(identities) }));
}
