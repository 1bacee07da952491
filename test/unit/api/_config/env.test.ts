import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../../../api/_config/env.js';
import { CANARY } from '../../../support/canaries.js';

describe('loadEnv', () => {
  it('runs on embedded defaults with nothing set', () => {
    expect(loadEnv({})).toEqual({
      allowedOrigins: ['http://localhost:3000'],
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
    });
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
    ['PORT', { PORT: '70000' }],
    ['QSTASH_CURRENT_SIGNING_KEY', { QSTASH_TOKEN: 'qstash-token', QSTASH_NEXT_SIGNING_KEY: 'sig_next', QSTASH_SWEEP_URL: 'https://t.example.com/api/cron/sweep' }],
    ['QSTASH_TOKEN', { QSTASH_CURRENT_SIGNING_KEY: 'sig_current', QSTASH_NEXT_SIGNING_KEY: 'sig_next', QSTASH_SWEEP_URL: 'https://t.example.com/api/cron/sweep' }],
    ['QSTASH_SWEEP_URL', { QSTASH_TOKEN: 'qstash-token', QSTASH_CURRENT_SIGNING_KEY: 'sig_current', QSTASH_NEXT_SIGNING_KEY: 'sig_next' }],
    ['QSTASH_SWEEP_URL', { QSTASH_SWEEP_URL: 'not a url' }],
    ['QSTASH_URL', { QSTASH_URL: 'qstash' }],
  ])('names %s when it is malformed', (name, source) => {
    expect(() => loadEnv(source)).toThrow(EnvError);
    expect(() => loadEnv(source)).toThrow(new RegExp(`- ${name}\\b`));
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
