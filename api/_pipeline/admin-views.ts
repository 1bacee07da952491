/**
 * What the admin API shows of a conversion: built from the audit record and,
 * while it lives, the raw receipt, with every raw value masked (issue 12 item
 * 5: nothing but the masked form of PII, and no secret, leaves in an admin
 * answer). Plain-language explanations of states, reasons and Meta's codes
 * live here too (docs/meta-capi.md §1.4, docs/consent.md §0).
 */
import { pagePath } from './log.js';
import type { CapiUserData, ConversionRecord, JoinState, RawReceipt, SendAttempt } from '../_contract/records.js';
import type { EventState } from '../_contract/wire.js';
import type { LogSummary, MatchKey } from '../_store/store.js';

/** `jane@example.com` → `j***@example.com`; anything that is not an address → `***`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***@${email.slice(at + 1)}`.toLowerCase();
}

/** Keep only the last two digits of a phone number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D+/g, '');
  return digits.length <= 2 ? '***' : `***${digits.slice(-2)}`;
}

/** First letter, then stars: enough to tell two leads apart on screen. */
export function maskText(value: string): string {
  const first = [...value.trim()][0];
  return first ? `${first}***` : '***';
}

/** IPv4 → its /24 (`203.0.113.x`); IPv6 → its first three groups. */
export function maskIp(ip: string): string {
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}:…`;
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.x` : '***';
}

/** A click id or browser id keeps its `fb.1.<time>.` head, the identifying rest is cut. */
function maskClickId(value: string): string {
  const parts = value.split('.');
  return parts.length >= 4 ? `${parts.slice(0, 3).join('.')}.…` : '…';
}

/** Meta's answer to the last attempt, as a list row shows it. */
export interface MetaAnswer {
  status: number | null;
  outcome: SendAttempt['outcome'];
  code?: number;
  message?: string;
  fbtrace_id?: string;
}

/** One row of the log list. */
export interface LogRow {
  event_id: string;
  event_name: string;
  state: EventState;
  reason?: string;
  /** ms epoch; the page shows it in the admin's local time */
  received_at: number;
  /** host + path, no query (it may carry click ids or an email) */
  page: string;
  tool?: string;
  form?: string;
  /** masked while the raw receipt lives, else "hashed" (the payload still has em) or null (no email) */
  email: string | null;
  meta?: MetaAnswer;
  /** a joined event's halves and outcome, as stored (no PII by contract: times, sources, keys) */
  join?: JoinState;
}

function lastAnswer(record: ConversionRecord): MetaAnswer | undefined {
  const last = record.attempts[record.attempts.length - 1];
  if (!last) return undefined;
  const answer: MetaAnswer = { status: last.status, outcome: last.outcome };
  if (last.error?.code !== undefined) answer.code = last.error.code;
  if (last.error?.message) answer.message = last.error.message;
  if (last.fbtrace_id) answer.fbtrace_id = last.fbtrace_id;
  return answer;
}

export function logRow(record: ConversionRecord, rawEmail: string | undefined): LogRow {
  const row: LogRow = {
    event_id: record.event_id,
    event_name: record.event_name,
    state: record.state,
    received_at: record.received_at,
    page: pagePath(record.event_source_url),
    email: rawEmail !== undefined ? maskEmail(rawEmail) : record.payload?.user_data.em?.length ? 'hashed' : null,
  };
  if (record.reason) row.reason = record.reason;
  if (record.source?.tool) row.tool = record.source.tool;
  if (record.source?.form) row.form = record.source.form;
  const meta = lastAnswer(record);
  if (meta) row.meta = meta;
  if (record.join) row.join = record.join;
  return row;
}

/** What arrived, masked field by field; null once the raw receipt has expired (or none was kept). */
export function arrivedView(raw: RawReceipt | null): Record<string, unknown> | null {
  if (!raw) return null;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw.user ?? {})) {
    if (typeof value !== 'string' || value === '') continue;
    fields[key] = key === 'email' ? maskEmail(value) : key === 'phone' ? maskPhone(value) : maskText(value);
  }
  const view: Record<string, unknown> = { received_at: raw.received_at, fields };
  if (raw.client_ip_address) view['client_ip_address'] = maskIp(raw.client_ip_address);
  if (raw.client_user_agent) view['client_user_agent'] = raw.client_user_agent;
  if (raw.fbc) view['fbc'] = maskClickId(raw.fbc);
  if (raw.fbp) view['fbp'] = maskClickId(raw.fbp);
  if (raw.country) view['country'] = raw.country;
  if (raw.region) view['region'] = raw.region;
  if (raw.custom_data) view['custom_data_keys'] = Object.keys(raw.custom_data);
  return view;
}

/** What was sent: the payload as Meta got it (hashed keys stay hashed), the clear-text identifiers masked. */
export function sentView(record: ConversionRecord): Record<string, unknown> | null {
  const payload = record.payload;
  if (!payload) return null;
  const userData: Record<string, unknown> = { ...payload.user_data };
  if (payload.user_data.client_ip_address) userData['client_ip_address'] = maskIp(payload.user_data.client_ip_address);
  if (payload.user_data.fbc) userData['fbc'] = maskClickId(payload.user_data.fbc);
  if (payload.user_data.fbp) userData['fbp'] = maskClickId(payload.user_data.fbp);
  return { ...payload, event_source_url: pagePath(payload.event_source_url), ...(payload.referrer_url ? { referrer_url: pagePath(payload.referrer_url) } : {}), user_data: userData };
}

const STATE_TEXT: Record<EventState, string> = {
  received: 'Stored; the send is under way (or the function stopped and the sweeper will finish it).',
  waiting: 'The browser half is stored; the visitor’s details are awaited from the form tool or POST /api/identify, then it is sent once (or at the deadline per JOIN_FALLBACK).',
  pending: 'Meta was unreachable or busy; the sweeper sends it again.',
  sent: 'Meta accepted the event.',
  failed: 'Meta refused the event for good (a dead letter): fix the cause, then re-send it.',
  suppressed: 'Not sent: there was no consent for ads; no personal data was kept.',
  filtered: 'Not sent: it did not look like a real lead.',
};

const REASON_TEXT: Record<string, string> = {
  missing_user_agent: 'The request had no browser user agent; Meta refuses website events without one.',
  bot_user_agent: 'The browser identified itself as a bot or crawler.',
  below_validity_floor: 'Too little customer information for Meta to match (only weak keys such as city, country, date of birth or gender).',
  disposable_email: 'The email is at a throwaway-mail domain.',
  fake_email: 'The email is a placeholder (test@, asdf@ …).',
  fake_phone: 'The phone number is a placeholder (repeated or counting digits).',
  fake_name: 'The name is a placeholder (asdf, qwerty …).',
  burst: 'The same contact details arrived many times within minutes: a script, not a person.',
  denied: 'The visitor declined ads cookies.',
  gpc: 'The visitor’s browser sent Global Privacy Control.',
  gpc_header: 'The visitor’s browser sent Global Privacy Control (Sec-GPC).',
  withdrawn: 'The visitor withdrew consent before it was sent.',
  unknown_opt_in_policy: 'No consent answer, and CONSENT_POLICY is opt-in everywhere.',
  unknown_region: 'No consent answer and the visitor’s country was unknown, so opt-in applied.',
  unknown_opt_in_region: 'No consent answer from a region where opt-in is required.',
  retry_budget_exhausted: 'Meta did not answer successfully within the inline retry budget; the sweeper retries.',
  resend: 'Being re-sent from the admin page.',
  dry_run: 'No META_ACCESS_TOKEN: recorded what would have been sent.',
  join_timeout: 'The visitor’s details never arrived from the form tool by the deadline, and JOIN_FALLBACK is drop.',
  no_browser_half: 'The form tool sent details, but no browser half came for them by the deadline: without a browser user agent it cannot be a website event.',
};

const META_CODE_TEXT: Record<number, string> = {
  190: 'The access token expired or was revoked: create a new one in Events Manager and redeploy.',
  102: 'The access token’s session is invalid: create a new token.',
  10: 'The token lacks a permission for this pixel.',
  3: 'The app cannot use this method.',
  100: 'Meta refused a parameter of the event (see its message).',
  2635: 'The Graph API version is no longer supported.',
  4: 'Meta’s application request limit: retried with backoff.',
  17: 'Meta’s user request limit: retried with backoff.',
  613: 'Too many calls for the ad account: retried with backoff.',
};

const META_SUBCODE_TEXT: Record<number, string> = {
  33: 'The pixel does not exist or the token cannot reach it: check META_PIXEL_ID and the token’s access.',
  2804003: 'The event is older than 7 days, which Meta refuses.',
  2804050: 'Too little customer information for Meta to accept it.',
};

/** Plain-language lines for a record's state, reason and each Meta error. */
export function explain(record: ConversionRecord): string[] {
  const lines = [STATE_TEXT[record.state]];
  if (record.reason) {
    const metaCode = /^meta_error_(\d+)$/.exec(record.reason);
    if (record.reason === 'below_validity_floor') lines.push(`${REASON_TEXT[record.reason]} Missing: email, phone or a name with more than gender.`);
    else if (REASON_TEXT[record.reason]) lines.push(REASON_TEXT[record.reason]!);
    else if (!metaCode) lines.push(`Reason: ${record.reason}.`);
  }
  const seen = new Set<string>();
  for (const attempt of record.attempts) {
    const { code, subcode } = attempt.error ?? {};
    const text = (subcode !== undefined ? META_SUBCODE_TEXT[subcode] : undefined) ?? (code !== undefined ? META_CODE_TEXT[code] : undefined);
    if (text && !seen.has(text)) {
      seen.add(text);
      lines.push(`Meta ${code}${subcode !== undefined ? ` (${subcode})` : ''}: ${text}`);
    }
  }
  return lines;
}

/** One conversion, the three parts side by side. */
export function eventDetail(record: ConversionRecord, raw: RawReceipt | null): Record<string, unknown> {
  return {
    event_id: record.event_id,
    event_name: record.event_name,
    state: record.state,
    ...(record.reason ? { reason: record.reason } : {}),
    received_at: record.received_at,
    updated_at: record.updated_at,
    page: pagePath(record.event_source_url),
    source: record.source ?? null,
    consent: record.consent,
    arrived: arrivedView(raw),
    sent: sentView(record),
    attempts: record.attempts,
    ...(record.join ? { join: record.join } : {}),
    explanation: explain(record),
  };
}

/** What raises each match key's share of sent events (docs/meta-capi.md §3). */
const LEVER_ADVICE: Record<MatchKey, string> = {
  em: 'Map the email field of every form (README "Supported form tools").',
  ph: 'Ask for a phone number, or map the phone field the form already has.',
  fn: 'Map the first-name (or full-name) field.',
  ln: 'Map the last-name (or full-name) field.',
  external_id: 'Pass your CRM or user id as external_id when the visitor is known.',
  fbc: 'Click ids are lost: serve the relay from a subdomain of the site (README domain guide) so _fbc survives, and keep fbclid on landing pages.',
  fbp: 'The Pixel’s _fbp cookie is missing: load the Pixel on the page, and serve the relay from the site’s own domain.',
  client_ip_address: 'The client IP is missing: the relay must see the visitor’s IP (Vercel sets x-forwarded-for; behind a proxy, forward it).',
  client_user_agent: 'The user agent is missing: requests must come from the visitor’s browser.',
};

/** A lever is worth a hint below this share of sent events. */
const LOW_SHARE = 0.5;

export function summaryView(summary: LogSummary): Record<string, unknown> {
  const levers = (Object.keys(summary.carrying) as MatchKey[]).map((key) => {
    const share = summary.sent ? summary.carrying[key] / summary.sent : 0;
    return { key, share, ...(summary.sent && share < LOW_SHARE ? { advice: LEVER_ADVICE[key] } : {}) };
  });
  return { last_24h: summary.day, last_7d: summary.week, sent_7d: summary.sent, levers };
}
