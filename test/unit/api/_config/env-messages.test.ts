import { describe, expect, it } from 'vitest';
import { EnvError, envStatus, loadEnv } from '../../../../api/_config/env.js';

// The configuration errors word for word, as zod printed them before env.ts moved to its own rules
// (env-rules.ts, issue 13): the messages env.ts gives, zod's English ones where it gives none, the
// index of a bad list entry, the order of the lines, and which problems keep the checks across
// variables from running: a value that cannot be read at all (a wrong type, an option not in the
// list, a bad ALLOWED_ORIGINS entry) does, a value that breaks a rule does not (the META_ACCESS_TOKEN cases).
function lines(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    const [heading, ...rest] = (error as Error).message.split('\n');
    expect(heading).toBe('capi-relay configuration error:');
    return rest.map((line) => line.replace(/^  - /, ''));
  }
  throw new Error('loadEnv accepted a bad environment');
}

describe('configuration error messages', () => {
  it.each([
      [{DATA_RETENTION_DAYS: 'seven'}, ["DATA_RETENTION_DAYS Invalid input: expected number, received NaN"]],
      [{DATA_RETENTION_DAYS: '0'}, ["DATA_RETENTION_DAYS Too small: expected number to be >0"]],
      [{DATA_RETENTION_DAYS: '1.5'}, ["DATA_RETENTION_DAYS Invalid input: expected int, received number"]],
      [{AUDIT_RETENTION_DAYS: '1e20'}, ["AUDIT_RETENTION_DAYS Too big: expected int to be <=9007199254740991","AUDIT_RETENTION_DAYS Too big: expected number to be <=3650"]],
      [{PORT: '70000'}, ["PORT Too big: expected number to be <=65535"]],
      [{MAX_EVENT_VALUE: '-1'}, ["MAX_EVENT_VALUE Too small: expected number to be >=0"]],
      [{MAX_EVENT_VALUE: 'Infinity'}, ["MAX_EVENT_VALUE Invalid input: expected number, received Infinity"]],
      [{CONSENT_POLICY: 'none'}, ["CONSENT_POLICY Invalid option: expected one of \"regional\"|\"opt-in\""]],
      [{TRUST_PROXY: '-1'}, ["TRUST_PROXY Too small: expected number to be >=0"]],
      [{ALLOWED_EVENTS: 'Lead,<script>,ok,<b>'}, ["ALLOWED_EVENTS.1 entries must be event names of 1–50 letters, digits, spaces, _ or -","ALLOWED_EVENTS.3 entries must be event names of 1–50 letters, digits, spaces, _ or -"]],
      [{ALLOWED_EVENTS: ' , '}, ["ALLOWED_EVENTS must list at least one event name"]],
      [{LDU_STATES: 'ca, California'}, ["LDU_STATES.1 must be two-letter US state codes or *"]],
      [{ALLOWED_ORIGINS: ' , '}, ["ALLOWED_ORIGINS must list at least one origin"]],
      [{DEFAULT_COUNTRY: 'USA',COOKIE_DOMAIN: 'localhost',REDIS_PREFIX: 'x!'}, ["REDIS_PREFIX must be 1–32 of letters, digits, _ : . -","DEFAULT_COUNTRY must be a two-letter ISO 3166-1 country code","COOKIE_DOMAIN must be a domain like example.com"]],
      [{META_GRAPH_URL: 'not a url',QSTASH_URL: 'qstash',UPSTASH_REDIS_REST_URL: 'nope'}, ["META_GRAPH_URL must be a URL like https://graph.facebook.com","UPSTASH_REDIS_REST_URL must be the https URL of the Upstash REST endpoint","QSTASH_URL must be a URL like https://qstash.upstash.io","UPSTASH_REDIS_REST_TOKEN is required when the REST URL is set"]],
      [{CONSENT_ID_SALT: '   short-salt   ',PROXY_SECRET: '  ppppppppppppppppppppppp  ',ADMIN_TOKEN: 'short',CRON_SECRET: 'short'}, ["ADMIN_TOKEN must be at least 24 characters","CRON_SECRET must be at least 16 characters","CONSENT_ID_SALT must be at least 16 characters","PROXY_SECRET must be at least 24 characters"]],
      [{META_ACCESS_TOKEN: 'tok',ADMIN_TOKEN: 'short'}, ["ADMIN_TOKEN must be at least 24 characters","META_PIXEL_ID is required when META_ACCESS_TOKEN is set"]],
      [{META_ACCESS_TOKEN: 'tok',CONSENT_POLICY: 'none'}, ["CONSENT_POLICY Invalid option: expected one of \"regional\"|\"opt-in\""]],
      [{META_ACCESS_TOKEN: 'tok',ALLOWED_ORIGINS: '*'}, ["ALLOWED_ORIGINS entry \"*\" has a wildcard: list every origin exactly (https://www.example.com,https://example.com)"]],
      [{QSTASH_TOKEN: 'qt',VERCEL_ENV: 'production'}, ["QSTASH_CURRENT_SIGNING_KEY is required with the other QStash variables (QSTASH_TOKEN and both signing keys)","QSTASH_NEXT_SIGNING_KEY is required with the other QStash variables (QSTASH_TOKEN and both signing keys)","QSTASH_SWEEP_URL is required with QStash outside Vercel (the public URL of /api/cron/sweep)","CONSENT_ID_SALT is required in production (VERCEL_ENV=production): set a random value of at least 16 characters once and never change it","UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (or KV_REST_API_URL and KV_REST_API_TOKEN) are required in production (VERCEL_ENV=production): the embedded memory store is per instance and loses acknowledged events"]],
  ] as [Record<string, string>, string[]][])('%j', (source, expected) => {
    expect(lines(source)).toEqual(expected);
  });

  it("reports a variable's first problem in envStatus, in the same words", () => {
    const status = envStatus({ DATA_RETENTION_DAYS: '1.5', ALLOWED_EVENTS: '<a>,<b>', META_ACCESS_TOKEN: 'tok' });
    expect(status['DATA_RETENTION_DAYS']).toEqual({ set: true, valid: false, problem: 'Invalid input: expected int, received number' });
    expect(status['ALLOWED_EVENTS']).toEqual({ set: true, valid: false, problem: 'entries must be event names of 1–50 letters, digits, spaces, _ or -' });
    // DATA_RETENTION_DAYS could not be read, so the checks across variables did not run
    expect(status['META_PIXEL_ID']).toEqual({ set: false, valid: true });
  });

  it('reads values as before: trimmed where they were, tabs and newlines out of URLs, numbers as Number() reads them', () => {
    const env = loadEnv({ META_ACCESS_TOKEN: '  tok  ', META_PIXEL_ID: '12345', META_GRAPH_URL: ' https://exa\tmple.com// ', PORT: ' 1e3 ', CONSENT_ID_SALT: '  abcdefghijklmnop  ', ADMIN_TOKEN: ' '.repeat(4) + 'x'.repeat(20) });
    expect(env).toMatchObject({ metaAccessToken: 'tok', metaGraphUrl: 'https://example.com', port: 1000, consentIdSalt: 'abcdefghijklmnop', adminToken: ' '.repeat(4) + 'x'.repeat(20) });
  });
});
