import { describe, expect, it } from 'vitest';
import { envStatus, EnvError, loadEnv } from '../../../../api/_config/env.js';
import { CANARY } from '../../../support/canaries.js';

describe('loadEnv', () => {
  it('runs on embedded defaults with nothing set', () => {
    expect(loadEnv({})).toEqual({
      allowedOrigins: ['http://localhost:3000'],
      allowedEvents: ['Lead', 'CompleteRegistration', 'Contact', 'Schedule', 'SubmitApplication'],
      maxEventValue: 100_000,
      metaGraphUrl: 'https://graph.facebook.com',
      redisPrefix: 'cr:',
      dataRetentionDays: 7,
      auditRetentionDays: 30,
      consentPolicy: 'regional',
      lduStates: [],
      port: 3000,
      metaPixelId: undefined,
      metaAccessToken: undefined,
      metaTestEventCode: undefined,
      redis: undefined,
      defaultCountry: undefined,
      cookieDomain: undefined,
      adminToken: undefined,
      cronSecret: undefined,
      consentIdSalt: undefined,
      proxySecret: undefined,
      trustProxy: 0,
      vercelEnv: undefined,
      joinFallback: 'send',
      toolSecrets: {},
      toolTokens: {},
    });
  });

  it('reads the join settings: the fallback, the identify secret, and each tool’s webhook secret and API token under its own name', () => {
    const env = loadEnv({
      JOIN_FALLBACK: 'drop',
      IDENTIFY_SECRET: 'i'.repeat(24),
      TYPEFORM_WEBHOOK_SECRET: 'tf-secret',
      TYPEFORM_API_TOKEN: 'tf-token',
      TALLY_WEBHOOK_SECRET: 'tally-secret',
      TALLY_API_KEY: 'tally-key',
      JOTFORM_API_KEY: 'jf-key',
      FILLOUT_API_KEY: 'fo-key',
      CALENDLY_WEBHOOK_SIGNING_KEY: 'cl-key',
      CALENDLY_API_TOKEN: 'cl-token',
      CALCOM_WEBHOOK_SECRET: 'cc-secret',
      CALCOM_API_KEY: 'cc-key',
      TOOL_API_BASE: 'http://127.0.0.1:9999/',
    });
    expect(env.joinFallback).toBe('drop');
    expect(env.identifySecret).toBe('i'.repeat(24));
    expect(env.toolSecrets).toEqual({ typeform: 'tf-secret', tally: 'tally-secret', calendly: 'cl-key', 'cal-com': 'cc-secret' });
    expect(env.toolTokens).toEqual({ typeform: 'tf-token', tally: 'tally-key', jotform: 'jf-key', fillout: 'fo-key', calendly: 'cl-token', 'cal-com': 'cc-key' });
    expect(env.toolApiBase).toBe('http://127.0.0.1:9999');
    expect(() => loadEnv({ JOIN_FALLBACK: 'later' })).toThrow(/JOIN_FALLBACK/);
    expect(() => loadEnv({ IDENTIFY_SECRET: 'short' })).toThrow(/IDENTIFY_SECRET must be at least 24 characters/);
  });

  it('parses every variable into its typed form', () => {
    const env = loadEnv({
      ALLOWED_ORIGINS: ' https://www.example.com , https://example.com ',
      META_PIXEL_ID: '123456789012345',
      META_ACCESS_TOKEN: CANARY.accessToken,
      META_GRAPH_URL: 'http://127.0.0.1:9999/',
      DATA_RETENTION_DAYS: '3',
      DEFAULT_COUNTRY: 'DE',
      CONSENT_POLICY: 'opt-in',
      LDU_STATES: 'ca, co',
      COOKIE_DOMAIN: '.Example.com',
      PORT: '8080',
    });
    expect(env).toMatchObject({
      allowedOrigins: ['https://www.example.com', 'https://example.com'],
      metaPixelId: '123456789012345',
      metaGraphUrl: 'http://127.0.0.1:9999',
      dataRetentionDays: 3,
      defaultCountry: 'de',
      consentPolicy: 'opt-in',
      lduStates: ['CA', 'CO'],
      cookieDomain: 'example.com',
      port: 8080,
    });
  });

  it.each([
    ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
    ['KV_REST_API_URL', 'KV_REST_API_TOKEN'],
  ])('reads the Upstash endpoint from %s / %s', (urlName, tokenName) => {
    expect(loadEnv({ [urlName]: 'https://eu1-x.upstash.io', [tokenName]: 'tok' }).redis).toEqual({
      url: 'https://eu1-x.upstash.io',
      token: 'tok',
    });
  });

  it('treats blank variables as unset (Vercel UI and .env files leave them empty)', () => {
    expect(loadEnv({ META_ACCESS_TOKEN: '  ', DEFAULT_COUNTRY: '' }).metaAccessToken).toBeUndefined();
  });

  it.each([
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: '*' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'example.com' }],
    ['META_PIXEL_ID', { META_PIXEL_ID: 'pixel-1' }],
    ['META_PIXEL_ID', { META_ACCESS_TOKEN: CANARY.accessToken }],
    ['META_GRAPH_URL', { META_GRAPH_URL: 'not a url' }],
    ['UPSTASH_REDIS_REST_TOKEN', { UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' }],
    ['UPSTASH_REDIS_REST_URL', { KV_REST_API_TOKEN: 'tok' }],
    ['DATA_RETENTION_DAYS', { DATA_RETENTION_DAYS: 'seven' }],
    ['DATA_RETENTION_DAYS', { DATA_RETENTION_DAYS: '0' }],
    ['DEFAULT_COUNTRY', { DEFAULT_COUNTRY: 'USA' }],
    ['CONSENT_POLICY', { CONSENT_POLICY: 'none' }],
    ['LDU_STATES', { LDU_STATES: 'California' }],
    ['COOKIE_DOMAIN', { COOKIE_DOMAIN: 'localhost' }],
    ['ADMIN_TOKEN', { ADMIN_TOKEN: 'short' }],
    ['CRON_SECRET', { CRON_SECRET: 'short' }],
    ['CONSENT_ID_SALT', { CONSENT_ID_SALT: 'short' }],
    ['CONSENT_ID_SALT', { VERCEL_ENV: 'production' }],
    ['UPSTASH_REDIS_REST_URL', { VERCEL_ENV: 'production', CONSENT_ID_SALT: 'a-long-enough-salt-value' }],
    ['PORT', { PORT: '70000' }],
    ['ALLOWED_EVENTS', { ALLOWED_EVENTS: 'Lead,<script>' }],
    ['ALLOWED_EVENTS', { ALLOWED_EVENTS: ' , ' + ',' }],
    ['MAX_EVENT_VALUE', { MAX_EVENT_VALUE: 'lots' }],
    ['MAX_EVENT_VALUE', { MAX_EVENT_VALUE: '-1' }],
    ['QSTASH_CURRENT_SIGNING_KEY', { QSTASH_TOKEN: 'qstash-token', QSTASH_NEXT_SIGNING_KEY: 'sig_next', QSTASH_SWEEP_URL: 'https://t.example.com/api/cron/sweep' }],
    ['QSTASH_TOKEN', { QSTASH_CURRENT_SIGNING_KEY: 'sig_current', QSTASH_NEXT_SIGNING_KEY: 'sig_next', QSTASH_SWEEP_URL: 'https://t.example.com/api/cron/sweep' }],
    ['QSTASH_SWEEP_URL', { QSTASH_TOKEN: 'qstash-token', QSTASH_CURRENT_SIGNING_KEY: 'sig_current', QSTASH_NEXT_SIGNING_KEY: 'sig_next' }],
    ['QSTASH_SWEEP_URL', { QSTASH_SWEEP_URL: 'not a url' }],
    ['QSTASH_URL', { QSTASH_URL: 'qstash' }],
  ])('names %s when it is malformed', (name, source) => {
    expect(() => loadEnv(source)).toThrow(EnvError);
    expect(() => loadEnv(source)).toThrow(new RegExp(`- ${name}\\b`));
  });

  it('reads ALLOWED_EVENTS and MAX_EVENT_VALUE', () => {
    const env = loadEnv({ ALLOWED_EVENTS: ' Lead , Quote Request ', MAX_EVENT_VALUE: '250' });
    expect(env.allowedEvents).toEqual(['Lead', 'Quote Request']);
    expect(env.maxEventValue).toBe(250);
  });

  describe('production needs a durable store', () => {
    const production = { VERCEL_ENV: 'production', CONSENT_ID_SALT: 'a-long-enough-salt-value' };

    it('refuses to start without Upstash, naming the variables it needs', () => {
      expect(() => loadEnv(production)).toThrow(/- UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN \(or KV_REST_API_URL and KV_REST_API_TOKEN\) are required in production/);
    });

    it('starts with either spelling of the Upstash variables, and outside production without them', () => {
      expect(loadEnv({ ...production, UPSTASH_REDIS_REST_URL: 'https://x.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'tok' }).redis).toBeDefined();
      expect(loadEnv({ ...production, KV_REST_API_URL: 'https://x.upstash.io', KV_REST_API_TOKEN: 'tok' }).redis).toBeDefined();
      expect(loadEnv({ ...production, VERCEL_ENV: 'preview' }).redis).toBeUndefined();
    });
  });

  describe('ALLOWED_ORIGINS', () => {
    // CORS compares the Origin header as a plain string (cors.ts): an entry of any other shape
    // would start and then refuse every event, so it stops startup saying what is wrong.
    it.each([
      ['a wildcard subdomain', 'https://*.example.com', 'entry "https://*.example.com" has a wildcard'],
      ['a bare wildcard', '*', 'entry "*" has a wildcard'],
      ['a path', 'https://www.example.com/contact', 'entry "https://www.example.com/contact" has a path (/contact)'],
      ['a path behind a slash', 'https://www.example.com//', 'has a path (//)'],
      ['a query', 'https://www.example.com?utm=1', 'entry "https://www.example.com?utm=1" has a query'],
      ['an empty query', 'https://www.example.com/?', 'has a query'],
      ['a fragment', 'https://www.example.com#top', 'has a fragment'],
      ['another scheme', 'ftp://www.example.com', 'has the scheme ftp: only http and https'],
      ['no scheme', 'www.example.com', 'entry "www.example.com" is not an origin like https://www.example.com'],
      ['upper case', 'https://WWW.example.com', 'is not written as browsers send it: write https://www.example.com'],
      ['a default port', 'https://www.example.com:443', 'write https://www.example.com'],
      ['a bad entry among good ones', 'https://example.com, https://*.example.com', 'entry "https://*.example.com" has a wildcard'],
    ])('refuses %s, naming the variable, the entry and the problem', (_name, value, problem) => {
      expect(() => loadEnv({ ALLOWED_ORIGINS: value })).toThrow(EnvError);
      expect(() => loadEnv({ ALLOWED_ORIGINS: value })).toThrow('- ALLOWED_ORIGINS entry "');
      expect(() => loadEnv({ ALLOWED_ORIGINS: value })).toThrow(problem);
    });

    it('names every bad entry, one line each', () => {
      expect(() => loadEnv({ ALLOWED_ORIGINS: 'https://*.a.com,https://b.com/x' })).toThrow(
        /- ALLOWED_ORIGINS entry "https:\/\/\*\.a\.com" has a wildcard[^\n]*\n {2}- ALLOWED_ORIGINS entry "https:\/\/b\.com\/x" has a path/,
      );
    });

    it('never echoes credentials written into an entry', () => {
      expect(() => loadEnv({ ALLOWED_ORIGINS: 'https://user:hunter2-secret@www.example.com' })).toThrow(/- ALLOWED_ORIGINS an entry holds user:password@ credentials/);
      expect(() => loadEnv({ ALLOWED_ORIGINS: 'https://user:hunter2-secret@www.example.com' })).not.toThrow(/hunter2/);
    });

    it('drops a single trailing slash (an address-bar copy names no path)', () => {
      expect(loadEnv({ ALLOWED_ORIGINS: 'https://www.example.com/, http://localhost:3000/' }).allowedOrigins).toEqual([
        'https://www.example.com',
        'http://localhost:3000',
      ]);
    });

    it('keeps exact origins with a port, http and IP hosts as they are', () => {
      expect(loadEnv({ ALLOWED_ORIGINS: 'http://127.0.0.1:8080,https://shop.example.co.uk:8443' }).allowedOrigins).toEqual([
        'http://127.0.0.1:8080',
        'https://shop.example.co.uk:8443',
      ]);
    });
  });

  it('never echoes a secret value in its message', () => {
    try {
      loadEnv({ META_ACCESS_TOKEN: CANARY.accessToken, ADMIN_TOKEN: 'short-admin' });
      expect.unreachable('loadEnv should have thrown');
    } catch (error) {
      expect(String(error)).not.toContain(CANARY.accessToken);
      expect(String(error)).not.toContain('short-admin');
    }
  });

  it('reads QStash only when its token and both signing keys are set; the sweep URL defaults to the production domain', () => {
    expect(loadEnv({}).qstash).toBeUndefined();
    expect(loadEnv({ QSTASH_TOKEN: 'qstash-token', QSTASH_CURRENT_SIGNING_KEY: 'sig_current', QSTASH_NEXT_SIGNING_KEY: 'sig_next', VERCEL_PROJECT_PRODUCTION_URL: 't.example.com' }).qstash).toEqual({
      token: 'qstash-token',
      url: 'https://qstash.upstash.io',
      currentSigningKey: 'sig_current',
      nextSigningKey: 'sig_next',
      sweepUrl: 'https://t.example.com/api/cron/sweep',
    });
  });
});

describe('proxy variables', () => {
  it('reads PROXY_SECRET and TRUST_PROXY', () => {
    const env = loadEnv({ PROXY_SECRET: 'p'.repeat(24), TRUST_PROXY: '2' });
    expect(env.proxySecret).toBe('p'.repeat(24));
    expect(env.trustProxy).toBe(2);
  });

  it('stops startup naming a short PROXY_SECRET or a bad TRUST_PROXY', () => {
    expect(() => loadEnv({ PROXY_SECRET: 'short' })).toThrow(/PROXY_SECRET must be at least 24 characters/);
    expect(() => loadEnv({ TRUST_PROXY: '1.5' })).toThrow(/TRUST_PROXY must be a whole number of hops/);
    expect(() => loadEnv({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY must be 0–10 hops/);
  });
});

describe('envStatus', () => {
  it('says which variables are set and valid, never their values', () => {
    const status = envStatus({ META_ACCESS_TOKEN: CANARY.accessToken, ADMIN_TOKEN: 'too-short', PORT: '', LDU_STATES: 'CA' });
    expect(status['LDU_STATES']).toEqual({ set: true, valid: true });
    expect(status['PORT']).toEqual({ set: false, valid: true });
    expect(status['ADMIN_TOKEN']).toEqual({ set: true, valid: false, problem: 'must be at least 24 characters' });
    // a cross-variable rule lands on the variable it names
    expect(status['META_PIXEL_ID']).toEqual({ set: false, valid: false, problem: 'is required when META_ACCESS_TOKEN is set' });
    expect(JSON.stringify(status)).not.toContain(CANARY.accessToken);
    expect(JSON.stringify(status)).not.toContain('too-short');
  });
});
