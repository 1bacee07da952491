/**
 * The wire contract of POST /api/event: what the widget posts and what it gets
 * back. Types only, shared by widget/ (always `import type`, so nothing of the
 * server reaches a bundle) and api/ (_pipeline/validate.ts checks what arrives;
 * the answers are EventAnswer and ErrorBody).
 */

/** Lifecycle of one conversion, as kept in the audit trail and answered as `status`. */
export type EventState =
  | 'received' // stored, not yet sent (the inline send is under way or the process died)
  | 'waiting' // browser half stored; the visitor's details are awaited (tool webhook, tool API, or POST /api/identify); nothing sent yet
  | 'suppressed' // no lawful basis (GPC, denied, unknown in an opt-in region): nothing sent, no PII kept
  | 'filtered' // not a real conversion (bot user agent, too little customer information)
  | 'sent' // Meta answered 200
  | 'pending' // transient failures exhausted the inline budget: the sweeper retries it
  | 'failed'; // Meta refused it permanently: dead-lettered with Meta's error

/** The visitor's raw contact fields as posted by the widget (all optional strings). */
export interface RawUserFields {
  email?: string;
  phone?: string;
  first_name?: string;
  last_name?: string;
  full_name?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  date_of_birth?: string;
  gender?: string;
  external_id?: string;
}

/** The body of POST /api/event as the widget sends it (README "The event body"). */
export interface EventBody {
  /** the Pixel's eventID, a UUID */
  event_id: string;
  /** @default "Lead" */
  event_name?: string;
  /** ms since epoch, the browser's clock */
  event_time?: number;
  event_source_url: string;
  referrer_url?: string;
  fbc?: string;
  fbp?: string;
  user?: RawUserFields;
  custom_data?: Record<string, unknown>;
  consent: { ads: 'granted' | 'denied' | 'unknown'; gpc: boolean; source?: string; id?: string };
  source?: { tool?: string; form?: string; submission_id?: string };
  /**
   * true when the page called `capiRelay.track(name, data, { pending: true })`: a server
   * completes it with POST /api/identify (docs/form-tools.md §22.4). The id carried into an
   * embed IS the event's `event_id` (the widget generates it before the visitor submits).
   */
  pending?: boolean;
}

/** The 200 answer to every accepted event, whatever happened at Meta. */
export interface EventAnswer {
  event_id: string;
  status: EventState;
  reason?: string;
  duplicate?: true;
}

/** One thing wrong with a request; `path` is dotted (`user.email`), '' for the whole body. */
export interface Issue {
  path: string;
  message: string;
}

/** The body of every error answer. `error` is a stable machine code. */
export interface ErrorBody {
  error: string;
  message?: string;
  issues?: Issue[];
}
