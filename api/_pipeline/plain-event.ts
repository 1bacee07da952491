import type { ParsedEvent } from './validate.js';
import { CONSENT_ID_PATTERN } from './consent/visitor-hash.js';
import { EVENT_NAME_PATTERN } from './event-policy.js';
import { CUSTOM_KEY, isHttpUrl, LIMITS } from './event-rules.js';

/**
 * The POST /api/event body as validate.ts's zod schema would give it back,
 * read without zod, or undefined when this reader is not sure. Importing zod
 * and building the schema was ~25 ms of the event function's cold start
 * (docs/platform.md §1.13), while almost every body is a widget's well-formed
 * one. So a body goes through this plain reader first, and anything it does
 * not accept (every invalid body, and valid ones it does not handle, such as
 * a record key it would have to check the way zod does) goes to the zod
 * schema, which alone writes 400 messages. The reader must therefore never
 * accept what the schema refuses, and must return exactly the schema's output
 * (same keys, same order, unknown keys dropped, copies not the body's own
 * objects): test/unit/api/_pipeline/plain-event.test.ts compares the two
 * over generated bodies.
 */
export function readPlainEvent(body: unknown): ParsedEvent | undefined {
  if (!isPlainObject(body)) return undefined;
  const out: Record<string, unknown> = {};

  const eventId = body['event_id'];
  if (typeof eventId !== 'string' || !UUID.test(eventId)) return undefined;
  out['event_id'] = eventId;

  const eventName = body['event_name'];
  if (eventName === undefined && !('event_name' in body)) out['event_name'] = 'Lead';
  else if (typeof eventName === 'string' && EVENT_NAME_PATTERN.test(eventName)) out['event_name'] = eventName;
  else return undefined;

  if ('event_time' in body) {
    const time = body['event_time'];
    if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0 || time > 1e13 - 1) return undefined;
    out['event_time'] = time;
  }

  const url = body['event_source_url'];
  if (!isUrlField(url)) return undefined;
  out['event_source_url'] = url;

  if ('referrer_url' in body) {
    if (!isUrlField(body['referrer_url'])) return undefined;
    out['referrer_url'] = body['referrer_url'];
  }
  for (const key of ['fbc', 'fbp'] as const) {
    if (!(key in body)) continue;
    const value = body[key];
    if (typeof value !== 'string' || value.length > LIMITS.clickIdChars) return undefined;
    out[key] = value;
  }

  if ('user' in body) {
    const user = readUser(body['user']);
    if (!user) return undefined;
    out['user'] = user;
  }
  if ('custom_data' in body) {
    const custom = readCustomData(body['custom_data']);
    if (!custom) return undefined;
    out['custom_data'] = custom;
  }

  const consent = readConsent(body['consent']);
  if (!consent) return undefined;
  out['consent'] = consent;

  if ('source' in body) {
    const source = readSource(body['source']);
    if (!source) return undefined;
    out['source'] = source;
  }
  if ('pending' in body) {
    if (typeof body['pending'] !== 'boolean') return undefined;
    out['pending'] = body['pending'];
  }
  return out as ParsedEvent;
}

/** zod's `z.uuid()` pattern (zod/v4/core/regexes.js `uuid()`): RFC 9562 versions 1–8, the nil and the max UUID. */
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

const USER_FIELDS = ['email', 'phone', 'first_name', 'last_name', 'full_name', 'city', 'state', 'zip', 'country', 'date_of_birth', 'gender', 'external_id'] as const;

/** Only what JSON.parse makes: an object whose prototype is Object's (zod accepts no other as an object either). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isUrlField(value: unknown): value is string {
  return typeof value === 'string' && value.length <= LIMITS.urlChars && isHttpUrl(value);
}

function readUser(value: unknown): Record<string, string | null> | undefined {
  if (!isPlainObject(value)) return undefined;
  const user: Record<string, string | null> = {};
  for (const key of USER_FIELDS) {
    if (!(key in value)) continue;
    const field = value[key];
    if (field === null) user[key] = null;
    else if (typeof field === 'string' && field.length <= LIMITS.fieldChars) user[key] = field;
    else return undefined;
  }
  return user;
}

/** Flat custom properties only (string, finite number, boolean, null); arrays and anything else go to zod. */
function readCustomData(value: unknown): Record<string, string | number | boolean | null> | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length > LIMITS.customKeys) return undefined;
  const custom: Record<string, string | number | boolean | null> = {};
  for (const key of keys) {
    if (!CUSTOM_KEY.test(key)) return undefined;
    const item = value[key];
    if (typeof item === 'string' ? item.length > LIMITS.customChars : typeof item === 'number' ? !Number.isFinite(item) : typeof item !== 'boolean' && item !== null) return undefined;
    custom[key] = item as string | number | boolean | null;
  }
  if (Buffer.byteLength(JSON.stringify(custom)) > LIMITS.customBytes) return undefined;
  return custom;
}

function readConsent(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined;
  const { ads, gpc } = value;
  if (ads !== 'granted' && ads !== 'denied' && ads !== 'unknown') return undefined;
  if (typeof gpc !== 'boolean') return undefined;
  const consent: Record<string, unknown> = { ads, gpc };
  if ('source' in value) {
    if (typeof value['source'] !== 'string' || value['source'].length > 64) return undefined;
    consent['source'] = value['source'];
  }
  // A malformed id is dropped, not refused (validate.ts: zod's catch gives undefined, the key stays).
  if ('id' in value) consent['id'] = typeof value['id'] === 'string' && CONSENT_ID_PATTERN.test(value['id']) ? value['id'] : undefined;
  return consent;
}

function readSource(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  const source: Record<string, string> = {};
  for (const [key, max] of [['tool', 64], ['form', 200], ['submission_id', 200]] as const) {
    if (!(key in value)) continue;
    const item = value[key];
    if (typeof item !== 'string' || item.length > max) return undefined;
    source[key] = item;
  }
  return source;
}
