import { checkAllowedOrigin } from './allowed-origin.js';
import {
  anyText,
  atLeast,
  atLeastChars,
  atMost,
  list,
  matching,
  number,
  oneOf,
  optional,
  positiveInt,
  readVariables,
  trimmedText,
  url,
  wholeNumber,
  withDefault,
  type AddIssue,
  type Report,
  type Values,
} from './env-rules.js';
import { DEFAULT_EVENT_POLICY, EVENT_NAME_PATTERN } from '../_pipeline/event-policy.js';
import type { JoinTool } from '../_tools/webhook-signature.js';

/**
 * Server configuration, read and checked once. Every variable has an
 * embedded default so `npm start` runs with nothing set; a variable that is
 * set but malformed stops startup with a message naming it.
 */
export interface Env {
  /** Exact origins allowed to post events (CORS with credentials). @default ["http://localhost:3000"] */
  allowedOrigins: string[];
  /** Event names the relay sends for this site; anything else is a 400. @default the lead-type standard events */
  allowedEvents: string[];
  /** Largest custom_data.value accepted. @default 100000 */
  maxEventValue: number;
  /** Meta pixel (dataset) id. Required together with metaAccessToken. */
  metaPixelId?: string;
  /** CAPI token; when absent the dry-run sender records what it would send. Never logged. */
  metaAccessToken?: string;
  /** @default "https://graph.facebook.com" */
  metaGraphUrl: string;
  /** Routes events to Events Manager → Test Events. Never set in production. */
  metaTestEventCode?: string;
  /** Upstash REST endpoint + token (UPSTASH_REDIS_REST_* or Vercel's KV_REST_API_*); embedded store when absent. */
  redis?: { url: string; token: string };
  /** @default "cr:" */
  redisPrefix: string;
  /** Days raw PII is kept. @default 7 */
  dataRetentionDays: number;
  /** Days the PII-free audit record is kept. @default 30 */
  auditRetentionDays: number;
  /** ISO 3166-1 alpha-2 used for phone calling codes when nothing better is known. */
  defaultCountry?: string;
  /** "regional": opt-in only in EU/EEA/UK/CH (and unknown); "opt-in": everywhere. @default "regional" */
  consentPolicy: 'regional' | 'opt-in';
  /** US state codes (e.g. CA, CO) whose visitors get Limited Data Use; "*" for all US states. @default [] */
  lduStates: string[];
  /** Domain for _fbc/_fbp cookies; default is the registrable domain of the request host. */
  cookieDomain?: string;
  /** Bearer secret for the admin pages. */
  adminToken?: string;
  /** Secret Vercel Cron sends as a bearer token. */
  cronSecret?: string;
  /**
   * Salt for the hashed visitor id in consent proofs and withdrawals. Required
   * when VERCEL_ENV=production; elsewhere _pipeline/consent/visitor-hash.ts uses a fixed
   * development salt.
   */
  consentIdSalt?: string;
  /**
   * Upstash QStash (docs/platform.md §1.8): a delayed sweep when an event turns pending, and
   * signed callbacks to the sweep route. Set only when the token and both signing keys are.
   */
  qstash?: QStashEnv;
  /** @default 3000 */
  port: number;
  /**
   * Shared secret a path proxy on the site's own host proves with
   * `x-relay-proxy-secret`; only then are its `x-relay-client-*` headers
   * believed (docs/platform.md §1.11).
   */
  proxySecret?: string;
  /** Reverse-proxy hops in front of `npm start` whose X-Forwarded-For is believed. @default 0 */
  trustProxy: number;
  /** VERCEL_ENV as Vercel sets it (production, preview, development): production needs a durable store, and a test event code there is warned about. */
  vercelEnv?: string;
  /** What a waiting browser half becomes when no details came by its deadline (docs/form-tools.md §22.4). @default "send" */
  joinFallback: 'send' | 'drop';
  /** Bearer secret of POST /api/identify; unset: the route answers 401 and `pending` events are sent at once. */
  identifySecret?: string;
  /** Each iframe tool's webhook signing secret (docs/form-tools.md §22.2). Never logged. */
  toolSecrets: Partial<Record<JoinTool, string>>;
  /** Each iframe tool's API token or key (docs/form-tools.md §22.3). Never logged. */
  toolTokens: Partial<Record<JoinTool, string>>;
  /** Tests and staging: every tool's API at `<TOOL_API_BASE>/<tool>` instead of the tool's own host. */
  toolApiBase?: string;
}

/** QStash settings; secrets, never logged. */
export interface QStashEnv {
  token: string;
  /** @default "https://qstash.upstash.io" */
  url: string;
  currentSigningKey: string;
  nextSigningKey: string;
  /** the public URL QStash calls: QSTASH_SWEEP_URL, else https://<VERCEL_PROJECT_PRODUCTION_URL>/api/cron/sweep */
  sweepUrl: string;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

const optionalText = optional(trimmedText());
const withoutTrailingSlashes = (u: string) => u.replace(/\/+$/, '');

/**
 * Every variable, one entry each, in the order problems are listed. Declared
 * with our own small rules (env-rules.ts), not zod: every function reads this
 * on a cold start (docs/platform.md §1.13); the messages are the ones zod gave.
 */
const VARIABLES = {
  ALLOWED_ORIGINS: withDefault('http://localhost:3000', originList),
  ALLOWED_EVENTS: withDefault(DEFAULT_EVENT_POLICY.allowedEvents.join(','), list({ entry: [EVENT_NAME_PATTERN, 'entries must be event names of 1–50 letters, digits, spaces, _ or -'], atLeastOne: 'must list at least one event name' })),
  MAX_EVENT_VALUE: withDefault(String(DEFAULT_EVENT_POLICY.maxEventValue), number(atLeast(0))),
  META_PIXEL_ID: optional(matching(/^\d{5,20}$/, 'must be the numeric pixel (dataset) id')),
  META_ACCESS_TOKEN: optionalText,
  META_GRAPH_URL: withDefault('https://graph.facebook.com', url('must be a URL like https://graph.facebook.com', withoutTrailingSlashes)),
  META_TEST_EVENT_CODE: optionalText,
  UPSTASH_REDIS_REST_URL: optional(url('must be the https URL of the Upstash REST endpoint')),
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  KV_REST_API_URL: optional(url('must be the https URL of the Upstash REST endpoint')),
  KV_REST_API_TOKEN: optionalText,
  REDIS_PREFIX: withDefault('cr:', matching(/^[\w:.-]{1,32}$/, 'must be 1–32 of letters, digits, _ : . -')),
  DATA_RETENTION_DAYS: withDefault('7', positiveInt(365)),
  AUDIT_RETENTION_DAYS: withDefault('30', positiveInt(3650)),
  DEFAULT_COUNTRY: optional(matching(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code', (c) => c.toLowerCase())),
  CONSENT_POLICY: withDefault('regional', oneOf(['regional', 'opt-in'])),
  LDU_STATES: withDefault('', list({ entry: [/^([A-Z]{2}|\*)$/, 'must be two-letter US state codes or *'], shape: (c) => c.toUpperCase() })),
  COOKIE_DOMAIN: optional(matching(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'must be a domain like example.com', (d) => d.replace(/^\./, '').toLowerCase())),
  ADMIN_TOKEN: optional(atLeastChars(24, 'must be at least 24 characters')),
  CRON_SECRET: optional(atLeastChars(16, 'must be at least 16 characters')),
  CONSENT_ID_SALT: optional(trimmedText(16, 'must be at least 16 characters')),
  QSTASH_TOKEN: optionalText,
  QSTASH_URL: withDefault('https://qstash.upstash.io', url('must be a URL like https://qstash.upstash.io', withoutTrailingSlashes)),
  QSTASH_CURRENT_SIGNING_KEY: optionalText,
  QSTASH_NEXT_SIGNING_KEY: optionalText,
  QSTASH_SWEEP_URL: optional(url('must be the public https URL of /api/cron/sweep')),
  /** Set by Vercel: the production domain, without scheme. */
  VERCEL_PROJECT_PRODUCTION_URL: optional(anyText),
  PORT: withDefault('3000', positiveInt(65535)),
  PROXY_SECRET: optional(trimmedText(24, 'must be at least 24 characters')),
  TRUST_PROXY: withDefault('0', number(wholeNumber('must be a whole number of hops'), atLeast(0), atMost(10, 'must be 0–10 hops'))),
  /** Set by Vercel: production, preview or development. */
  VERCEL_ENV: optional(anyText),
  JOIN_FALLBACK: withDefault('send', oneOf(['send', 'drop'])),
  IDENTIFY_SECRET: optional(atLeastChars(24, 'must be at least 24 characters')),
  TYPEFORM_WEBHOOK_SECRET: optionalText,
  TYPEFORM_API_TOKEN: optionalText,
  TALLY_WEBHOOK_SECRET: optionalText,
  TALLY_API_KEY: optionalText,
  JOTFORM_API_KEY: optionalText,
  FILLOUT_API_KEY: optionalText,
  CALENDLY_WEBHOOK_SIGNING_KEY: optionalText,
  CALENDLY_API_TOKEN: optionalText,
  CALCOM_WEBHOOK_SECRET: optionalText,
  CALCOM_API_KEY: optionalText,
  TOOL_API_BASE: optional(url('must be a URL; each tool’s API is then <TOOL_API_BASE>/<tool>', withoutTrailingSlashes)),
};

/** ALLOWED_ORIGINS: each entry an exact origin (allowed-origin.ts); a bad entry stops startup naming it. */
function originList(raw: string, report: Report): string[] {
  const origins: string[] = [];
  let bad = false;
  for (const entry of raw.split(',').map((o) => o.trim()).filter(Boolean)) {
    const checked = checkAllowedOrigin(entry);
    if (checked.ok) origins.push(checked.origin);
    else {
      bad = true;
      report.problem(checked.problem, { stops: true });
    }
  }
  if (!bad && origins.length === 0) report.problem('must list at least one origin');
  return origins;
}

/** The rules that span variables; they run only when every variable could be read (env-rules.ts readVariables). */
function checkAcross(env: Values<typeof VARIABLES>, addIssue: AddIssue): void {
  if (env.META_ACCESS_TOKEN && !env.META_PIXEL_ID) addIssue('META_PIXEL_ID', 'is required when META_ACCESS_TOKEN is set');
  const url = env.UPSTASH_REDIS_REST_URL ?? env.KV_REST_API_URL;
  const token = env.UPSTASH_REDIS_REST_TOKEN ?? env.KV_REST_API_TOKEN;
  if (url && !token) addIssue('UPSTASH_REDIS_REST_TOKEN', 'is required when the REST URL is set');
  if (token && !url) addIssue('UPSTASH_REDIS_REST_URL', 'is required when the REST token is set');
  // QStash needs all three secrets: publishing (token) without verifying (keys) would open the route.
  const qstashParts = { QSTASH_TOKEN: env.QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY: env.QSTASH_CURRENT_SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY: env.QSTASH_NEXT_SIGNING_KEY };
  if (Object.values(qstashParts).some(Boolean)) {
    for (const [name, value] of Object.entries(qstashParts)) {
      if (!value) addIssue(name, 'is required with the other QStash variables (QSTASH_TOKEN and both signing keys)');
    }
    if (!env.QSTASH_SWEEP_URL && !env.VERCEL_PROJECT_PRODUCTION_URL) {
      addIssue('QSTASH_SWEEP_URL', 'is required with QStash outside Vercel (the public URL of /api/cron/sweep)');
    }
  }
  // Every withdrawal is kept under a hash salted with it for 13 months; a production
  // deployment must not fall back to a shared development salt (_pipeline/consent/visitor-hash.ts).
  if (env.VERCEL_ENV === 'production' && !env.CONSENT_ID_SALT) {
    addIssue('CONSENT_ID_SALT', 'is required in production (VERCEL_ENV=production): set a random value of at least 16 characters once and never change it');
  }
  // On Vercel every instance would get its own memory store: acknowledged leads lost on the next cold
  // start, duplicates not caught across instances, withdrawals forgotten. Production needs Upstash.
  if (env.VERCEL_ENV === 'production' && !url && !token) {
    addIssue(
      'UPSTASH_REDIS_REST_URL',
      'and UPSTASH_REDIS_REST_TOKEN (or KV_REST_API_URL and KV_REST_API_TOKEN) are required in production (VERCEL_ENV=production): the embedded memory store is per instance and loses acknowledged events',
    );
  }
}

/** Parse and check the environment; throws EnvError naming each bad variable (never its value). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const { values: e, issues } = readVariables(VARIABLES, source, checkAcross);
  if (issues.length > 0) {
    const lines = issues.map((issue) => `${issue.path.join('.') || '(env)'} ${issue.message}`);
    throw new EnvError(`capi-relay configuration error:\n  - ${lines.join('\n  - ')}`);
  }
  const redisUrl = e.UPSTASH_REDIS_REST_URL ?? e.KV_REST_API_URL;
  const redisToken = e.UPSTASH_REDIS_REST_TOKEN ?? e.KV_REST_API_TOKEN;
  return {
    allowedOrigins: e.ALLOWED_ORIGINS,
    allowedEvents: e.ALLOWED_EVENTS,
    maxEventValue: e.MAX_EVENT_VALUE,
    metaPixelId: e.META_PIXEL_ID,
    metaAccessToken: e.META_ACCESS_TOKEN,
    metaGraphUrl: e.META_GRAPH_URL,
    metaTestEventCode: e.META_TEST_EVENT_CODE,
    redis: redisUrl && redisToken ? { url: redisUrl, token: redisToken } : undefined,
    redisPrefix: e.REDIS_PREFIX,
    dataRetentionDays: e.DATA_RETENTION_DAYS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    defaultCountry: e.DEFAULT_COUNTRY,
    consentPolicy: e.CONSENT_POLICY,
    lduStates: e.LDU_STATES,
    cookieDomain: e.COOKIE_DOMAIN,
    adminToken: e.ADMIN_TOKEN,
    cronSecret: e.CRON_SECRET,
    consentIdSalt: e.CONSENT_ID_SALT,
    qstash:
      e.QSTASH_TOKEN && e.QSTASH_CURRENT_SIGNING_KEY && e.QSTASH_NEXT_SIGNING_KEY
        ? {
            token: e.QSTASH_TOKEN,
            url: e.QSTASH_URL,
            currentSigningKey: e.QSTASH_CURRENT_SIGNING_KEY,
            nextSigningKey: e.QSTASH_NEXT_SIGNING_KEY,
            sweepUrl: e.QSTASH_SWEEP_URL ?? `https://${e.VERCEL_PROJECT_PRODUCTION_URL}/api/cron/sweep`,
          }
        : undefined,
    port: e.PORT,
    proxySecret: e.PROXY_SECRET,
    trustProxy: e.TRUST_PROXY,
    vercelEnv: e.VERCEL_ENV,
    joinFallback: e.JOIN_FALLBACK,
    identifySecret: e.IDENTIFY_SECRET,
    toolSecrets: definedOnly({ typeform: e.TYPEFORM_WEBHOOK_SECRET, tally: e.TALLY_WEBHOOK_SECRET, calendly: e.CALENDLY_WEBHOOK_SIGNING_KEY, 'cal-com': e.CALCOM_WEBHOOK_SECRET }),
    toolTokens: definedOnly({
      typeform: e.TYPEFORM_API_TOKEN,
      tally: e.TALLY_API_KEY,
      jotform: e.JOTFORM_API_KEY,
      fillout: e.FILLOUT_API_KEY,
      calendly: e.CALENDLY_API_TOKEN,
      'cal-com': e.CALCOM_API_KEY,
    }),
    toolApiBase: e.TOOL_API_BASE,
  };
}

/** The entries whose value is set. */
function definedOnly(values: Partial<Record<JoinTool, string | undefined>>): Partial<Record<JoinTool, string>> {
  const out: Partial<Record<JoinTool, string>> = {};
  for (const [tool, value] of Object.entries(values) as [JoinTool, string | undefined][]) if (value) out[tool] = value;
  return out;
}

/**
 * Every variable the relay reads, in declaration order. README, .env.example and
 * the Deploy button are checked against this list (test/unit/deploy/env-docs.test.ts).
 */
export const ENV_VARIABLES: readonly string[] = Object.keys(VARIABLES);

/** One variable as GET /api/admin/status reports it: never its value. */
export interface VariableStatus {
  set: boolean;
  valid: boolean;
  /** what is wrong, in the words loadEnv uses (they name the rule, never the value) */
  problem?: string;
}

/** Which variables are set and which are valid, without their values. */
export function envStatus(source: Record<string, string | undefined> = process.env): Record<string, VariableStatus> {
  const { issues } = readVariables(VARIABLES, source, checkAcross);
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (!problems.has(key)) problems.set(key, issue.message);
  }
  const status: Record<string, VariableStatus> = {};
  for (const name of ENV_VARIABLES) {
    const problem = problems.get(name);
    status[name] = { set: (source[name] ?? '').trim() !== '', valid: problem === undefined, ...(problem ? { problem } : {}) };
  }
  return status;
}
