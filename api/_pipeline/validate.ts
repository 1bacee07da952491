import * as z from 'zod/mini';
import './zod-messages.js'; // zod's English messages for zod/mini: every 400 body reads as it did with classic zod
import { CONSENT_ID_PATTERN } from './consent/proof.js';
import type { Issue } from '../_contract/wire.js';
import { isCardNumber } from './card-number.js';
import { pageUrlParts } from './page-url.js';
import { DEFAULT_EVENT_POLICY, EVENT_NAME_PATTERN, type EventPolicy } from './event-policy.js';
import type { RawUserFields } from '../_contract/wire.js';

// Caps sized so that a stored event is a few KB at most (test/integration/stored-size.test.ts
// measures the largest accepted body), each at or above what the widget itself cuts to
// (widget/transport/event-body.ts), so a widget body is never refused for length.
/** Longest raw contact value kept; the widget cuts at the same length (an e-mail address is at most 254). */
const MAX_FIELD_CHARS = 256;
/** Longest URL accepted (event_source_url, referrer_url); the widget cuts at the same length. */
const MAX_URL_CHARS = 2048;
/** Custom properties allowed in custom_data; Lead needs a handful (the widget sends at most as many). */
const MAX_CUSTOM_KEYS = 20;
/** Longest custom string; the widget cuts at the same length. */
const MAX_CUSTOM_CHARS = 200;
/** custom_data as JSON: what 20 widget-cut properties can reach, so only hand-made arrays meet it. */
export const MAX_CUSTOM_BYTES = 6 * 1024;
/** _fbc is `fb.1.<ms>.<fbclid>` with fbclid ≤ 500 characters (docs/meta-capi.md §4.3), plus room for a suffix. */
const MAX_CLICK_ID_CHARS = 640;

/** ISO 4217 codes as the runtime's ICU knows them (current currencies only). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

// null is accepted (form tools send it for empty fields) and turned into undefined by
// withoutNullFields after parsing: a zod .transform() here made the user object cost 4 µs
// instead of 1 µs per event (12 pipes), with the same messages either way.
const field = z.nullish(z.string({ error: 'must be a string' }).check(z.maxLength(MAX_FIELD_CHARS, `must be at most ${MAX_FIELD_CHARS} characters`)));

const httpUrl = z
  .string({ error: 'must be a URL string' })
  .check(z.maxLength(MAX_URL_CHARS, `must be at most ${MAX_URL_CHARS} characters`), z.refine(isHttpUrl, 'must be an absolute http(s) URL'));

function isHttpUrl(value: string): boolean {
  const protocol = pageUrlParts(value)?.protocol;
  return protocol === 'https:' || protocol === 'http:';
}

// Unknown user keys are dropped (zod's default strip) and never stored: a newer widget may send
// fields this server does not know, and that must not cost the visitor's conversion.
const userSchema = z.object({
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
    z.string().check(z.regex(/^[A-Za-z0-9][\w .:-]{0,63}$/, 'keys must be 1–64 letters, digits, space, _ . : or - and start with a letter or digit')),
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
  },
  { error: 'body must be a JSON object' },
);

/** A body that passed validation; absent user fields are undefined, never null. */
export type EventInput = z.infer<typeof eventSchema> & { user?: RawUserFields };

export type ValidationResult = { ok: true; event: EventInput } | { ok: false; issues: Issue[] };

/**
 * Check a parsed JSON body against the /api/event contract and the site's
 * policy (event names, value, currency); every problem is listed.
 */
export function validateEvent(body: unknown, policy: EventPolicy = DEFAULT_EVENT_POLICY): ValidationResult {
  const parsed = schemaForNextEvent().safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((issue) => ({
      path: issue.path.map(String).join('.'),
      // A bad record key nests the useful message one level down.
      message: issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message,
    }));
    return { ok: false, issues };
  }
  const issues = policyIssues(parsed.data, policy);
  return issues.length ? { ok: false, issues } : { ok: true, event: withoutNullFields(parsed.data) };
}

/** Events an instance validates with the runtime parser before it generates the compiled one. */
export const COMPILE_AFTER_EVENTS = 10;
let validated = 0;
let compiled: typeof eventSchema | undefined;

/**
 * zod's compile() generates a parser for the schema: the same output, and on any issue it falls
 * back to the runtime parser, so every 400 body reads as before (test/unit/api/_pipeline/
 * validate-compiled.test.ts holds the two to the same answers). It parsed a widget body in ~5 µs
 * instead of ~20, the largest single cost left in the handler (scripts/bench/ingest.ts). Generating
 * it takes ~15 ms, so only a warm instance pays that, once: never a cold one's first events. The
 * compiler's code rides in the bundle's zod chunk either way (api/_bundle grew 852 -> 906 KB; a bare
 * import of the bundled event handler measured 156 vs 148 ms median over 15 fresh processes each,
 * within noise); a dynamic import of it landed in that same shared chunk, so it stays static.
 */
function schemaForNextEvent(): typeof eventSchema {
  if (compiled) return compiled;
  validated += 1;
  if (validated > COMPILE_AFTER_EVENTS) compiled = z.compile(eventSchema);
  return compiled ?? eventSchema;
}

/**
 * Origin is the only gate in front of this route and any client can send one, so what an event may
 * say to Meta in the site's name is bounded here: a forged Purchase worth millions would otherwise
 * poison the site's ad optimisation.
 */
function policyIssues(event: z.infer<typeof eventSchema>, policy: EventPolicy): Issue[] {
  const issues: Issue[] = [];
  if (!policy.allowedEvents.includes(event.event_name)) {
    issues.push({ path: 'event_name', message: `must be one of the events this site allows (ALLOWED_EVENTS): ${policy.allowedEvents.join(', ')}` });
  }
  const custom = event.custom_data;
  if (custom && 'value' in custom) {
    const value = custom['value'];
    if (typeof value !== 'number' || value < 0 || value > policy.maxEventValue) {
      issues.push({ path: 'custom_data.value', message: `must be a number from 0 to ${policy.maxEventValue} (MAX_EVENT_VALUE)` });
    }
  }
  if (custom && 'currency' in custom) {
    const currency = custom['currency'];
    if (typeof currency !== 'string' || !CURRENCIES.has(currency.toUpperCase())) {
      issues.push({ path: 'custom_data.currency', message: 'must be an ISO 4217 currency code such as EUR or USD' });
    }
  }
  return issues;
}

/**
 * The parsed event with null user fields made undefined, and any card number
 * dropped (a payment field taken for the phone must not reach the raw receipt
 * or Meta); `user` is zod's own copy, not the body.
 */
function withoutNullFields(event: z.infer<typeof eventSchema>): EventInput {
  const user = event.user as Record<string, string | null | undefined> | undefined;
  if (user) for (const key in user) if (user[key] === null || isCardNumber(user[key] ?? '')) user[key] = undefined;
  return event as EventInput;
}

/** The /api/event body schema, for the OpenAPI document (scripts/openapi.ts). */
export { eventSchema as eventBodySchema };
