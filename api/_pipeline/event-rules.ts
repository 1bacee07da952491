import type { Issue } from '../_contract/wire.js';
import { isCardNumber } from './card-number.js';
import type { EventPolicy } from './event-policy.js';
import { pageUrlParts } from './page-url.js';

/**
 * What POST /api/event accepts beyond the body's shape, shared by the zod
 * schema (validate.ts, which alone writes 400 messages) and the zod-free
 * reader in front of it (plain-event.ts): the caps, the URL and key rules,
 * and the last step both take, the site's policy and the clean-up of the
 * parsed event.
 *
 * Caps are sized so that a stored event is a few KB at most
 * (test/integration/stored-size.test.ts measures the largest accepted body),
 * each at or above what the widget itself cuts to
 * (widget/transport/event-body.ts), so a widget body is never refused for length.
 */
export const LIMITS = {
  /** Longest raw contact value kept; the widget cuts at the same length (an e-mail address is at most 254). */
  fieldChars: 256,
  /** Longest URL accepted (event_source_url, referrer_url); the widget cuts at the same length. */
  urlChars: 2048,
  /** Custom properties allowed in custom_data; Lead needs a handful (the widget sends at most as many). */
  customKeys: 20,
  /** Longest custom string; the widget cuts at the same length. */
  customChars: 200,
  /** custom_data as JSON: what 20 widget-cut properties can reach, so only hand-made arrays meet it. */
  customBytes: 6 * 1024,
  /** _fbc is `fb.1.<ms>.<fbclid>` with fbclid ≤ 500 characters (docs/meta-capi.md §4.3), plus room for a suffix. */
  clickIdChars: 640,
} as const;

/** A custom_data key: 1–64 letters, digits, space, _ . : or -, starting with a letter or digit. */
export const CUSTOM_KEY = /^[A-Za-z0-9][\w .:-]{0,63}$/;

export function isHttpUrl(value: string): boolean {
  const protocol = pageUrlParts(value)?.protocol;
  return protocol === 'https:' || protocol === 'http:';
}

/** ISO 4217 codes as the runtime's ICU knows them (current currencies only); read on first need. */
let currencies: Set<string> | undefined;

/** What the policy step reads of a body of the right shape (validate.ts ParsedEvent). */
export interface PolicySubject {
  event_name: string;
  custom_data?: Record<string, unknown> | undefined;
  user?: Record<string, string | null | undefined> | undefined;
}

/**
 * The site's policy on a body of the right shape, then the event with its null
 * user fields made undefined (validate.ts and event-body.ts type the result as EventInput).
 */
export function finishEvent<E extends PolicySubject>(event: E, policy: EventPolicy): { ok: true; event: E } | { ok: false; issues: Issue[] } {
  const issues = policyIssues(event, policy);
  return issues.length ? { ok: false, issues } : { ok: true, event: withoutNullFields(event) };
}

/**
 * Origin is the only gate in front of this route and any client can send one, so what an event may
 * say to Meta in the site's name is bounded here: a forged Purchase worth millions would otherwise
 * poison the site's ad optimisation.
 */
function policyIssues(event: PolicySubject, policy: EventPolicy): Issue[] {
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
    currencies ??= new Set(Intl.supportedValuesOf('currency'));
    if (typeof currency !== 'string' || !currencies.has(currency.toUpperCase())) {
      issues.push({ path: 'custom_data.currency', message: 'must be an ISO 4217 currency code such as EUR or USD' });
    }
  }
  return issues;
}

/**
 * The parsed event with null user fields made undefined, and any card number
 * dropped (a payment field taken for the phone must not reach the raw receipt
 * or Meta); `user` is the parser's own copy, not the body.
 */
function withoutNullFields<E extends PolicySubject>(event: E): E {
  if (event.user) cleanUserFields(event.user);
  return event;
}

/** User fields as parsed: null made undefined, a card number dropped (also POST /api/identify's). Changes `user` in place. */
export function cleanUserFields<U extends Record<string, string | null | undefined>>(user: U): U {
  const fields = user as Record<string, string | null | undefined>;
  for (const key in fields) if (fields[key] === null || isCardNumber(fields[key] ?? '')) fields[key] = undefined;
  return user;
}
