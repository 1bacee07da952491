import type { Runtime } from '../../_config/runtime.js';
import { eventDetail, logRow } from '../../_pipeline/admin-views.js';
import { identitiesFor } from '../../_pipeline/identity.js';
import { withPhoneParser } from '../../_pipeline/normalize/phone-parser.js';
import type { LogCursor, LogQuery } from '../../_store/store.js';
import type { Issue } from '../../_contract/wire.js';
import { refuseUnlessAdmin } from '../admin-auth.js';
import { withStore } from '../admin-store.js';
import { badRequest, methodNotAllowed, notFound, ok } from '../answers.js';
import { readJsonBody } from '../request-body.js';

const STATES = new Set(['received', 'waiting', 'pending', 'sent', 'failed', 'suppressed', 'filtered']);
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

/** `<received_at>.<event_id>`, opaque to clients. */
export function encodeCursor(cursor: LogCursor): string {
  return Buffer.from(`${cursor.at}.${cursor.id}`, 'utf8').toString('base64url');
}

function decodeCursor(text: string): LogCursor | undefined {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const dot = decoded.indexOf('.');
  const at = Number(decoded.slice(0, dot));
  const id = decoded.slice(dot + 1);
  return dot > 0 && Number.isSafeInteger(at) && id ? { at, id } : undefined;
}

/** ms epoch or an ISO 8601 date/time. */
function parseTime(text: string): number | undefined {
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The query string as a LogQuery, or the issues that make it unusable. */
export function readLogQuery(params: URLSearchParams, defaultCountry?: string): { query: LogQuery } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const query: LogQuery = { limit: DEFAULT_LIMIT };
  const limit = params.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_LIMIT) query.limit = n;
    else issues.push({ path: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` });
  }
  const cursor = params.get('cursor');
  if (cursor !== null) {
    const decoded = decodeCursor(cursor);
    if (decoded) query.cursor = decoded;
    else issues.push({ path: 'cursor', message: 'must be a next_cursor from an earlier page' });
  }
  const state = params.get('state');
  if (state !== null) {
    if (STATES.has(state)) query.state = state;
    else issues.push({ path: 'state', message: `must be one of ${[...STATES].join(', ')}` });
  }
  for (const name of ['tool', 'form'] as const) {
    const value = params.get(name);
    if (value !== null && value !== '') query[name] = value.slice(0, 200);
  }
  for (const name of ['from', 'to'] as const) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    const at = parseTime(value);
    if (at === undefined) issues.push({ path: name, message: 'must be an ISO 8601 time or ms since epoch' });
    else query[name] = at;
  }
  const search = { email: params.get('email') ?? undefined, phone: params.get('phone') ?? undefined, external_id: params.get('external_id') ?? undefined };
  const given = Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined && v !== '')) as typeof search;
  if (Object.keys(given).length > 1) issues.push({ path: 'email', message: 'search by one of email, phone or external_id at a time' });
  else if (Object.keys(given).length === 1) {
    // normalized and hashed here: the raw value is never stored, logged or echoed
    const { identities, invalid } = identitiesFor(given, defaultCountry);
    for (const field of invalid) issues.push({ path: field, message: `is not a valid ${field.replace('_', ' ')}` });
    if (identities[0]) query.identity = identities[0];
  }
  return issues.length ? { issues } : { query };
}

const SEARCH_FIELDS = ['email', 'phone', 'external_id'] as const;

/** A POST body `{ state?, tool?, …, email? }` as the same parameters the query string carries (strings only). */
function readBodyParams(value: unknown): { params: URLSearchParams } | { issues: Issue[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { issues: [{ path: '', message: 'send a JSON object of the log filters' }] };
  const params = new URLSearchParams();
  const issues: Issue[] = [];
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string') params.set(key, field);
    else if (typeof field === 'number') params.set(key, String(field));
    else issues.push({ path: key, message: 'must be a string' });
  }
  return issues.length ? { issues } : { params };
}

/**
 * GET /api/admin/log — the conversion log, newest first, one page per call
 * (one store round trip, plus the admin-auth check), or `?id=<event_id>` for
 * one event's detail. A search by email, phone or external_id is POSTed
 * (the same fields as a JSON body): a URL with one would put the value into
 * access logs. Admin token required (admin-auth.ts).
 */
export async function handleAdminLog(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
  const refused = await refuseUnlessAdmin(request, runtime);
  if (refused) return refused;
  let params = new URL(request.url).searchParams;
  const inUrl = SEARCH_FIELDS.find((field) => params.has(field));
  if (inUrl) return badRequest('invalid_query', [{ path: inUrl, message: 'search in a POST body: URLs end up in access logs, and this value is personal data' }]);
  if (request.method === 'POST') {
    const body = await readJsonBody(request);
    if (!body.ok) return body.response;
    const fields = readBodyParams(body.value);
    if ('issues' in fields) return badRequest('invalid_query', fields.issues);
    params = fields.params;
  }

  const id = params.get('id');
  if (id !== null) {
    return withStore(async () => {
      const [record, raw] = await Promise.all([runtime.store.get(id), runtime.store.getRaw(id)]);
      if (!record) return notFound('no event with this id (it may have expired)');
      return ok({ event: eventDetail(record, raw) });
    });
  }

  const read = await withPhoneParser(() => readLogQuery(params, runtime.env.defaultCountry));
  if ('issues' in read) return badRequest('invalid_query', read.issues);
  return withStore(async () => {
    const page = await runtime.store.listLog(read.query);
    return ok({
      events: page.records.map((record) => logRow(record, page.emails[record.event_id])),
      next_cursor: page.next ? encodeCursor(page.next) : null,
    });
  });
}
