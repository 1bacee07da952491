import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../api/_core/env.js';
import { CANARY } from '../support/canaries.js';

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
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'https://www.example.com/' }],
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
    ['PORT', { PORT: '70000' }],
  ])('names %s when it is malformed', (name, source) => {
    expect(() => loadEnv(source)).toThrow(EnvError);
    expect(() => loadEnv(source)).toThrow(new RegExp(`- ${name}\\b`));
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
});
