import type { RawUserFields } from '../../api/_contract/wire.js';
import type { RawField } from '../capture/fields.js';
import type { FormOverrides } from '../config.js';
import { saysThanks } from './text-signals.js';

/** A submission whose success can only be seen on the next page (docs/form-tools.md rule 5). */
export interface PendingSubmission {
  /** submission key; w.js's raw record has none (the core uses "html:early") */
  key?: string;
  /** adapter name; w.js's raw record has none (it cannot know the adapters: "html") */
  tool?: string;
  form?: string;
  /** contact fields as classified at submit time */
  fields?: RawUserFields;
  /** instead of `fields`: what w.js recorded from a submit it saw before detection loaded */
  raw?: RawField[];
  overrides: FormOverrides;
  /** ms epoch of the submit */
  at: number;
  /** URL of the form page, without the fragment */
  from: string;
}

/** sessionStorage key; w.js reads it too (a pending submission makes it load detection at once). */
export const PENDING_KEY = 'capi-relay:pending';
/** "the snapshot is younger than ~60 s" (docs/form-tools.md "Navigation path") */
const FRESH_MS = 60_000;
/** Past this a pending submission is stale even with the form page as referrer. */
const MAX_AGE_MS = 30 * 60_000;
/** Confirmation containers tools render on a reloaded page (docs/form-tools.md "Navigation path"). */
const CONFIRMATION = '[data-status=sent],.gform_confirmation_message,.wpforms-confirmation-container,.wpforms-confirmation-container-full,.frm_message';

/** Keep the snapshot in this tab until the next page (sessionStorage: same tab, same origin only). */
export function savePending(pending: PendingSubmission): void {
  try {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  } catch {
    // storage off (privacy mode, quota): the navigation path just cannot confirm
  }
}

export function dropPending(): void {
  try {
    sessionStorage.removeItem(PENDING_KEY);
  } catch {
    // nothing stored then
  }
}

/** Read and remove the pending submission, so it can be confirmed at most once. */
export function takePending(): PendingSubmission | undefined {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    dropPending();
    return raw ? (JSON.parse(raw) as PendingSubmission) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Does this page confirm the pending submission? It must come from the form
 * page (referrer) or right after it, and look like a thank-you page: URL,
 * title or h1 with a thank-you word, or a tool's confirmation container.
 */
export function isThankYouArrival(pending: PendingSubmission, now: number): boolean {
  const age = now - pending.at;
  const fromForm = !!document.referrer && document.referrer.split('#')[0] === pending.from;
  if (age < 0 || age > MAX_AGE_MS || (!fromForm && age > FRESH_MS)) return false;
  let url = location.pathname + location.search;
  try {
    url = decodeURIComponent(url); // /bestätigung arrives percent-encoded
  } catch {
    // malformed escapes: match the raw text
  }
  const heading = document.querySelector('h1')?.textContent ?? '';
  return (
    saysThanks(url + ' ' + document.title + ' ' + heading) ||
    !!document.querySelector(CONFIRMATION)
  );
}
