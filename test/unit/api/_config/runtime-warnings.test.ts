import { describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../../../../api/_config/env.js';
import { createRuntime, warnAboutTestCode } from '../../../../api/_config/runtime.js';

describe('META_TEST_EVENT_CODE on production', () => {
  const salt = 'a-salt-of-at-least-16-chars';
  // production needs a durable store named in env (never reached here: the client is made on first use)
  const durable = { UPSTASH_REDIS_REST_URL: 'https://unused.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'unused-token' };

  it('warns loudly, naming the variable and never its value', () => {
    const warn = vi.fn();
    warnAboutTestCode(loadEnv({ META_TEST_EVENT_CODE: 'TEST777', VERCEL_ENV: 'production', CONSENT_ID_SALT: salt, ...durable }), warn);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toMatch(/WARNING: META_TEST_EVENT_CODE is set on a production deployment/);
    expect(warn.mock.calls[0]![0]).not.toContain('TEST777');
  });

  it('stays quiet on a preview deployment or without a code', () => {
    const warn = vi.fn();
    warnAboutTestCode(loadEnv({ META_TEST_EVENT_CODE: 'TEST777', VERCEL_ENV: 'preview' }), warn);
    warnAboutTestCode(loadEnv({ VERCEL_ENV: 'production', CONSENT_ID_SALT: salt, ...durable }), warn);
    expect(warn).not.toHaveBeenCalled();
  });

  it('is checked every time a runtime starts', async () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await createRuntime(loadEnv({ META_TEST_EVENT_CODE: 'TEST777', VERCEL_ENV: 'production', CONSENT_ID_SALT: salt, ...durable }));
      expect(spy).toHaveBeenCalledWith(expect.stringMatching(/META_TEST_EVENT_CODE is set on a production deployment/));
    } finally {
      spy.mockRestore();
    }
  });
});
