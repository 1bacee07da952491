import * as z from 'zod/mini';
import '../_pipeline/zod-messages.js';
import { checkAllowedOrigin } from './allowed-origin.js';

/**
 * Server configuration, read and checked once. Every variable has an
 * embedded default so `npm start` runs with nothing set; a variable that is
 * set but malformed stops startup with a message naming it.
 */
export interface Env {
  /** Exact origins allowed to post events (CORS with credentials). @default ["http://localhost:3000"] */
  allowedOrigins: string[];
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
   * when VERCEL_ENV=production; elsewhere _pipeline/consent/proof.ts uses a fixed
   * development salt.
   */
  consentIdSalt?: string;
  /** @default 3000 */
  port: number;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

const countryCode = z.pipe(
  z.string().check(z.regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code')),
  z.transform((c: string) => c.toLowerCase()),
);
const positiveInt = (max: number) => z.coerce.number().check(z.int(), z.positive(), z.lte(max));
const optionalText = z.optional(z.string().check(z.trim(), z.minLength(1)));

const schema = z
  .object({
    ALLOWED_ORIGINS: z.pipe(
      z.pipe(
        z._default(z.string(), 'http://localhost:3000'),
        z.transform((s: string, ctx) => {
          const origins: string[] = [];
          for (const entry of s.split(',').map((o) => o.trim()).filter(Boolean)) {
            const checked = checkAllowedOrigin(entry);
            if (checked.ok) origins.push(checked.origin);
            else ctx.issues.push({ code: 'custom', message: checked.problem, input: s });
          }
          return origins;
        }),
      ),
      z.array(z.string()).check(z.minLength(1, 'must list at least one origin')),
    ),
    META_PIXEL_ID: z.optional(z.string().check(z.regex(/^\d{5,20}$/, 'must be the numeric pixel (dataset) id'))),
    META_ACCESS_TOKEN: optionalText,
    META_GRAPH_URL: z.pipe(
      z._default(z.url('must be a URL like https://graph.facebook.com'), 'https://graph.facebook.com'),
      z.transform((u: string) => u.replace(/\/+$/, '')),
    ),
    META_TEST_EVENT_CODE: optionalText,
    UPSTASH_REDIS_REST_URL: z.optional(z.url('must be the https URL of the Upstash REST endpoint')),
    UPSTASH_REDIS_REST_TOKEN: optionalText,
    KV_REST_API_URL: z.optional(z.url('must be the https URL of the Upstash REST endpoint')),
    KV_REST_API_TOKEN: optionalText,
    REDIS_PREFIX: z._default(z.string().check(z.regex(/^[\w:.-]{1,32}$/, 'must be 1–32 of letters, digits, _ : . -')), 'cr:'),
    DATA_RETENTION_DAYS: z._default(positiveInt(365), 7),
    AUDIT_RETENTION_DAYS: z._default(positiveInt(3650), 30),
    DEFAULT_COUNTRY: z.optional(countryCode),
    CONSENT_POLICY: z._default(z.enum(['regional', 'opt-in']), 'regional'),
    LDU_STATES: z.pipe(
      z.pipe(
        z._default(z.string(), ''),
        z.transform((s: string) => s.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean)),
      ),
      z.array(z.string().check(z.regex(/^([A-Z]{2}|\*)$/, 'must be two-letter US state codes or *'))),
    ),
    COOKIE_DOMAIN: z.optional(
      z.pipe(
        z.string().check(z.regex(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'must be a domain like example.com')),
        z.transform((d: string) => d.replace(/^\./, '').toLowerCase()),
      ),
    ),
    ADMIN_TOKEN: z.optional(z.string().check(z.minLength(24, 'must be at least 24 characters'))),
    CRON_SECRET: z.optional(z.string().check(z.minLength(16, 'must be at least 16 characters'))),
    CONSENT_ID_SALT: z.optional(z.string().check(z.trim(), z.minLength(16, 'must be at least 16 characters'))),
    PORT: z._default(positiveInt(65535), 3000),
    /** Set by Vercel: production, preview or development. */
    VERCEL_ENV: z.optional(z.string()),
  })
  .check(z.superRefine((env, ctx) => {
    if (env.META_ACCESS_TOKEN && !env.META_PIXEL_ID) {
      ctx.addIssue({ code: 'custom', path: ['META_PIXEL_ID'], message: 'is required when META_ACCESS_TOKEN is set' });
    }
    const url = env.UPSTASH_REDIS_REST_URL ?? env.KV_REST_API_URL;
    const token = env.UPSTASH_REDIS_REST_TOKEN ?? env.KV_REST_API_TOKEN;
    if (url && !token) {
      ctx.addIssue({ code: 'custom', path: ['UPSTASH_REDIS_REST_TOKEN'], message: 'is required when the REST URL is set' });
    }
    if (token && !url) {
      ctx.addIssue({ code: 'custom', path: ['UPSTASH_REDIS_REST_URL'], message: 'is required when the REST token is set' });
    }
    // Every withdrawal is kept under a hash salted with it for 13 months; a production
    // deployment must not fall back to a shared development salt (_pipeline/consent/proof.ts).
    if (env.VERCEL_ENV === 'production' && !env.CONSENT_ID_SALT) {
      ctx.addIssue({
        code: 'custom',
        path: ['CONSENT_ID_SALT'],
        message: 'is required in production (VERCEL_ENV=production): set a random value of at least 16 characters once and never change it',
      });
    }
  }));

/** Blank strings count as unset: Vercel's UI and .env files often leave them empty. */
function withoutBlanks(source: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}

/** Parse and check the environment; throws EnvError naming each bad variable (never its value). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(withoutBlanks(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'} ${issue.message}`);
    throw new EnvError(`capi-relay configuration error:\n  - ${lines.join('\n  - ')}`);
  }
  const e = parsed.data;
  const redisUrl = e.UPSTASH_REDIS_REST_URL ?? e.KV_REST_API_URL;
  const redisToken = e.UPSTASH_REDIS_REST_TOKEN ?? e.KV_REST_API_TOKEN;
  return {
    allowedOrigins: e.ALLOWED_ORIGINS,
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
    port: e.PORT,
  };
}
