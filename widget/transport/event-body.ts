import type { EventBody, RawUserFields } from '../../api/_contract/wire.js';
import type { ConsentSnapshot } from '../consent/controller.js';

/** Where a conversion came from (sent as `source`; a detection Submission is one, its other fields are not sent). */
export interface EventSource {
  tool: string;
  form?: string;
  /** sent as `source.submission_id` */
  submissionId?: string;
  /**
   * The id carried into the tool's embed before the visitor submitted (docs/form-tools.md §22.1):
   * the conversion's `event_id`, so Pixel, relay and the tool's record hold the same id.
   */
  carriedId?: string;
}

/** Everything one event needs; the body adds page URL and time. */
export interface EventInput {
  eventId: string;
  eventName: string;
  /** when the conversion happened (ms): a lead held for the consent answer keeps its own time */
  eventTime: number;
  user: RawUserFields;
  customData?: Record<string, unknown>;
  fbc?: string;
  fbp?: string;
  consent: ConsentSnapshot;
  source: EventSource;
  /** `capiRelay.track(…, { pending: true })`: a server completes the event with POST /api/identify (sent as `pending`) */
  awaitsDetails?: boolean;
}

/**
 * Caps that keep every body far below the 64 KiB keepalive quota (docs/platform.md
 * §3.1) and inside the limits api/_pipeline/validate.ts enforces, so a long value
 * is cut rather than the whole event refused.
 */
const MAX_FIELD = 256;
/** source.form, source.submission_id and custom strings alike */
const MAX_SHORT = 200;
const MAX_CUSTOM_KEYS = 20;
const MAX_URL = 2048;
/** custom_data keys the server accepts */
const CUSTOM_KEY = /^[A-Za-z]\w{0,63}$/;

function cut(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value ? value.slice(0, max) : undefined;
}

/** Only flat, primitive custom properties travel; long strings are cut. */
function cleanCustomData(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  // anything but an object has no key CUSTOM_KEY accepts (a string's keys are digits)
  if (!data) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data).filter((k) => CUSTOM_KEY.test(k)).slice(0, MAX_CUSTOM_KEYS)) {
    const value = data[key];
    if (typeof value === 'string') out[key] = value.slice(0, MAX_SHORT);
    // a finite number or a boolean (value === !!value): one comparison fewer on every page's bytes
    else if (Number.isFinite(value) || typeof value == 'boolean') out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The JSON string POSTed to /api/event (the wire contract: api/_contract/wire.ts EventBody). */
export function buildEventBody(input: EventInput): string {
  const user: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.user)) {
    const text = cut(value, MAX_FIELD);
    if (text) user[key] = text;
  }
  return JSON.stringify({
    event_id: input.eventId,
    event_name: input.eventName,
    event_time: input.eventTime,
    event_source_url: location.href.slice(0, MAX_URL),
    fbc: input.fbc,
    fbp: input.fbp,
    user,
    custom_data: cleanCustomData(input.customData),
    consent: input.consent,
    source: { tool: input.source.tool, form: cut(input.source.form, MAX_SHORT), submission_id: cut(input.source.submissionId, MAX_SHORT) },
    pending: input.awaitsDetails,
  } satisfies EventBody);
}
