import { describe, expect, it } from 'vitest';
import { buildProof, consentSaltFor, DEV_CONSENT_ID_SALT, hashConsentId, validateProofBody } from '../../../../../api/_pipeline/consent/proof.js';
import { loadEnv } from '../../../../../api/_config/env.js';
import type { RequestContext } from '../../../../../api/_contract/request-context.js';
import { CANARY } from '../../../../support/canaries.js';

const ID = '4f1c2b8e-9d3a-4c7b-8e2f-1a2b3c4d5e6f';
const good = { id: ID, ads: 'granted', source: 'banner', revision: '2', ts: 1_767_000_000_000, lang: 'de', page: 'https://shop.example/contact?email=x#top' };
const ctx: RequestContext = { secGpc: false, cookies: {}, country: 'DE', region: 'BE' };

describe('validateProofBody', () => {
  it('accepts a banner answer and a platform answer', () => {
    expect(validateProofBody(good).ok).toBe(true);
    expect(validateProofBody({ id: ID, ads: 'denied', source: 'cmp:cookiebot', revision: '1' }).ok).toBe(true);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', 'yes', ['']],
    ['everything missing', {}, ['id', 'ads', 'source', 'revision']],
    ['unknown answer', { ...good, ads: 'unknown' }, ['ads']],
    ['short id', { ...good, id: 'abc' }, ['id']],
    ['an email where the id goes', { ...good, id: CANARY.email }, ['id']],
    ['free-text source', { ...good, source: 'my banner' }, ['source']],
    ['seconds instead of ms', { ...good, ts: 1_767_000_000 }, ['ts']],
    ['long revision', { ...good, revision: 'x'.repeat(40) }, ['revision']],
  ])('lists what is wrong: %s', (_name, body, paths) => {
    const result = validateProofBody(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(paths);
  });
});

describe('buildProof', () => {
  it('keeps the decision, hashes the id, drops query and fragment, records GPC and region', () => {
    const valid = validateProofBody(good);
    if (!valid.ok) throw new Error('fixture invalid');
    const proof = buildProof(valid.body, { ...ctx, secGpc: true }, 'salt-0123456789abcdef', 1_767_000_000_500);
    expect(proof).toEqual({
      visitor: hashConsentId(ID, 'salt-0123456789abcdef'),
      decision: 'granted',
      source: 'banner',
      revision: '2',
      lang: 'de',
      received_at: 1_767_000_000_500,
      answered_at: 1_767_000_000_000,
      gpc: true,
      region: 'DE-BE',
      page: 'https://shop.example/contact',
    });
    expect(JSON.stringify(proof)).not.toContain(ID);
  });

  it('drops a page that is not http(s)', () => {
    const valid = validateProofBody({ ...good, page: 'javascript:alert(1)' });
    if (!valid.ok) throw new Error('fixture invalid');
    expect(buildProof(valid.body, { secGpc: false, cookies: {} }, 's'.repeat(16), 1).page).toBeUndefined();
  });
});

describe('hashConsentId / consentSaltFor', () => {
  it('is a salted SHA-256: same id, different salt → different hash', () => {
    expect(hashConsentId(ID, 'a'.repeat(16))).toMatch(/^[0-9a-f]{64}$/);
    expect(hashConsentId(ID, 'a'.repeat(16))).not.toBe(hashConsentId(ID, 'b'.repeat(16)));
  });

  it('uses CONSENT_ID_SALT when set; loadEnv refuses a short one, naming the variable only', () => {
    expect(consentSaltFor(loadEnv({ CONSENT_ID_SALT: 'a-long-enough-salt-value' }))).toBe('a-long-enough-salt-value');
    expect(() => loadEnv({ CONSENT_ID_SALT: 'short-salt' })).toThrow(/CONSENT_ID_SALT must be at least 16/);
    expect(() => loadEnv({ CONSENT_ID_SALT: 'short-salt' })).not.toThrow(/short-salt/);
  });

  // A withdrawal is kept 13 months under the visitor hash: whatever the operator rotates in that
  // time, the hash must stay the same or every recorded withdrawal silently stops matching.
  it.each<[string, Record<string, string>]>([
    ['with CONSENT_ID_SALT', { CONSENT_ID_SALT: 'a-long-enough-salt-value' }],
    ['without it (outside production)', {}],
  ])('rotating META_ACCESS_TOKEN, ADMIN_TOKEN or CRON_SECRET never changes the visitor hash, %s', (_name, base) => {
    const hashWith = (secrets: Record<string, string>) => hashConsentId(ID, consentSaltFor(loadEnv({ ...base, ...secrets })));
    const before = hashWith({});
    const rotations: Record<string, string>[] = [
      { META_PIXEL_ID: '123456789012345', META_ACCESS_TOKEN: CANARY.accessToken },
      { META_PIXEL_ID: '123456789012345', META_ACCESS_TOKEN: `${CANARY.accessToken}-rotated` },
      { ADMIN_TOKEN: CANARY.adminToken },
      { ADMIN_TOKEN: `${CANARY.adminToken}-rotated` },
      { CRON_SECRET: 'cron-secret-0123456789' },
      { CRON_SECRET: 'cron-secret-rotated-9876543210' },
      { META_PIXEL_ID: '123456789012345', META_ACCESS_TOKEN: CANARY.accessToken, ADMIN_TOKEN: CANARY.adminToken, CRON_SECRET: 'cron-secret-0123456789' },
    ];
    for (const secrets of rotations) expect(hashWith(secrets)).toBe(before);
  });

  it('outside production without CONSENT_ID_SALT, uses the fixed development salt', () => {
    expect(consentSaltFor(loadEnv({}))).toBe(DEV_CONSENT_ID_SALT);
    expect(consentSaltFor(loadEnv({ VERCEL_ENV: 'preview', ADMIN_TOKEN: CANARY.adminToken }))).toBe(DEV_CONSENT_ID_SALT);
  });

  it('in production, CONSENT_ID_SALT is required: startup names it and echoes no secret', () => {
    // production also needs the durable store (_config/env.ts), given here so only the salt is missing
    const source = { VERCEL_ENV: 'production', ADMIN_TOKEN: CANARY.adminToken, META_PIXEL_ID: '123456789012345', META_ACCESS_TOKEN: CANARY.accessToken, UPSTASH_REDIS_REST_URL: 'https://x.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'tok' };
    expect(() => loadEnv(source)).toThrow(/- CONSENT_ID_SALT is required in production \(VERCEL_ENV=production\)/);
    try {
      loadEnv(source);
    } catch (error) {
      expect(String(error)).not.toContain(CANARY.adminToken);
      expect(String(error)).not.toContain(CANARY.accessToken);
    }
    expect(consentSaltFor(loadEnv({ ...source, CONSENT_ID_SALT: 'a-long-enough-salt-value' }))).toBe('a-long-enough-salt-value');
  });
});
