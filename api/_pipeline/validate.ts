import * as z from 'zod/mini';
import './zod-messages.js'; // zod's English messages for zod/mini: every 400 body reads as it did with classic zod
import { CONSENT_ID_PATTERN } from './consent/visitor-hash.js';
import type { Issue } from '../_contract/wire.js';
import { DEFAULT_EVENT_POLICY, EVENT_NAME_PATTERN, type EventPolicy } from './event-policy.js';
import { CUSTOM_KEY, finishEvent, isHttpUrl, LIMITS } from './event-rules.js';
import type { RawUserFields } from '../_contract/wire.js';

// The caps live in event-rules.ts, shared with plain-event.ts (the zod-free reader in front of this schema).
const { fieldChars: MAX_FIELD_CHARS, urlChars: MAX_URL_CHARS, customKeys: MAX_CUSTOM_KEYS, customChars: MAX_CUSTOM_CHARS, clickIdChars: MAX_CLICK_ID_CHARS } = LIMITS;
export const MAX_CUSTOM_BYTES = LIMITS.customBytes;

// null is accepted (form tools send it for empty fields) and turned into undefined by
// withoutNullFields after parsing: a zod .transform() here made the user object cost 4 µs
// instead of 1 µs per event (12 pipes), with the same messages either way.
const field = z.nullish(z.string({ error: 'must be a string' }).check(z.maxLength(MAX_FIELD_CHARS, `must be at most ${MAX_FIELD_CHARS} characters`)));

const httpUrl = z
  .string({ error: 'must be a URL string' })
  .check(z.maxLength(MAX_URL_CHARS, `must be at most ${MAX_URL_CHARS} characters`), z.refine(isHttpUrl, 'must be an absolute http(s) URL'));

// Unknown user keys are dropped (zod's default strip) and never stored: a newer widget may send
// fields this server does not know, and that must not cost the visitor's conversion.
export const userSchema = z.object({
  email: field,
  phone: field,
  first_name: field,
  last_name: field,
  full_name: field,
  city: field,
  state: field,
  zip: field,
  country: field,
  date_of_birth: field,
  gender: field,
  external_id: field,
});

const customPrimitive = z.union([
  z.string().check(z.maxLength(MAX_CUSTOM_CHARS, `must be at most ${MAX_CUSTOM_CHARS} characters`)),
  // JSON.parse turns 1e400 into Infinity, which JSON.stringify would silently send as null.
  z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
  z.boolean(),
  z.null(),
]);

// Flat values or short arrays of them (content_ids); nested objects are refused so a body can't
// smuggle deep structures into the stored payload.
const customData = z
  .record(
    z.string().check(z.regex(CUSTOM_KEY, 'keys must be 1–64 letters, digits, space, _ . : or - and start with a letter or digit')),
    z.union([customPrimitive, z.array(customPrimitive).check(z.maxLength(20, 'arrays hold at most 20 items'))], {
      error: 'must be a string, number, boolean, null or an array of those',
    }),
  )
  .check(
    z.refine((o) => Object.keys(o).length <= MAX_CUSTOM_KEYS, `must have at most ${MAX_CUSTOM_KEYS} keys`),
    z.refine((o) => Buffer.byteLength(JSON.stringify(o)) <= MAX_CUSTOM_BYTES, `must be at most ${MAX_CUSTOM_BYTES} bytes as JSON`),
  );

const eventSchema = z.object(
  {
    event_id: z.uuid({ error: 'must be a UUID (the Pixel eventID)' }),
    event_name: z._default(
      z.string({ error: 'must be a string' }).check(z.regex(EVENT_NAME_PATTERN, 'must be 1–50 letters, digits, spaces, _ or -')),
      'Lead',
    ),
    event_time: z.optional(
      z.number({ error: 'must be a number (ms since epoch)' }).check(
        z.int('must be an integer (ms since epoch)'),
        // No lower bound: a browser whose clock says 1970 or 2000 still made a real lead, and a value in
        // seconds is just far in the past. Both fall outside the browser-time window and are sent with the
        // receive time, recorded as such (event-time.ts).
        z.gte(0, 'must be milliseconds since epoch'),
        z.lte(1e13 - 1, 'must be milliseconds since epoch'),
      ),
    ),
    event_source_url: httpUrl,
    referrer_url: z.optional(httpUrl),
    fbc: z.optional(z.string({ error: 'must be a string' }).check(z.maxLength(MAX_CLICK_ID_CHARS, `must be at most ${MAX_CLICK_ID_CHARS} characters`))),
    fbp: z.optional(z.string({ error: 'must be a string' }).check(z.maxLength(MAX_CLICK_ID_CHARS, `must be at most ${MAX_CLICK_ID_CHARS} characters`))),
    user: z.optional(userSchema),
    custom_data: z.optional(customData),
    consent: z.object(
      {
        ads: z.enum(['granted', 'denied', 'unknown'], { error: 'must be "granted", "denied" or "unknown"' }),
        gpc: z.boolean({ error: 'must be true or false' }),
        source: z.optional(z.string().check(z.maxLength(64, 'must be at most 64 characters'))),
        // Ties the event to the visitor's consent history (consent/link.ts). A malformed id is
        // dropped, not refused: like an unknown key, it must not cost the visitor's conversion.
        id: z.catch(z.optional(z.string().check(z.regex(CONSENT_ID_PATTERN))), undefined),
      },
      { error: 'is required: { ads, gpc }' },
    ),
    source: z.optional(
      z.object({
        tool: z.optional(z.string().check(z.maxLength(64, 'must be at most 64 characters'))),
        form: z.optional(z.string().check(z.maxLength(200, 'must be at most 200 characters'))),
        submission_id: z.optional(z.string().check(z.maxLength(200, 'must be at most 200 characters'))),
      }),
    ),
    // capiRelay.track(…, { pending: true }): a server completes it with POST /api/identify (docs/form-tools.md §22.4)
    pending: z.optional(z.boolean({ error: 'must be true or false' })),
  },
  { error: 'body must be a JSON object' },
);

/** A body of the right shape, as the schema gives it back (user fields may still be null). */
export type ParsedEvent = z.infer<typeof eventSchema>;

/** A body that passed validation; absent user fields are undefined, never null. */
export type EventInput = ParsedEvent & { user?: RawUserFields };

export type ValidationResult = { ok: true; event: EventInput } | { ok: false; issues: Issue[] };

/**
 * Check a parsed JSON body against the /api/event contract and the site's
 * policy (event names, value, currency); every problem is listed.
 */
export function validateEvent(body: unknown, policy: EventPolicy = DEFAULT_EVENT_POLICY): ValidationResult {
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((issue) => ({
      path: issue.path.map(String).join('.'),
      // A bad record key nests the useful message one level down.
      message: issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message,
    }));
    return { ok: false, issues };
  }
  const finished = finishEvent(parsed.data, policy);
  return finished.ok ? { ok: true, event: finished.event as EventInput } : finished;
}

/** The /api/event body schema, for the OpenAPI document (scripts/openapi.ts). */
export { eventSchema as eventBodySchema };
