import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { visitorOf } from '../../../../../api/_pipeline/consent/link.js';
import { loadEnv } from '../../../../../api/_config/env.js';
import { validateEvent, type EventInput } from '../../../../../api/_pipeline/validate.js';

const ID = '7d3f0c2a-1b4e-4a9d-8c6f-5e2d1a0b9c8d';
const SALT = 'a-long-enough-salt-value';

function event(consent: Record<string, unknown>): EventInput {
  const v = validateEvent({ event_id: '3f1c1c52-8a51-4b2e-9f0e-0c7d3c0d8a11', event_source_url: 'https://www.example.com/', consent: { ads: 'granted', gpc: false, ...consent } });
  if (!v.ok) throw new Error('fixture invalid');
  return v.event;
}

describe('visitorOf', () => {
  const env = loadEnv({ CONSENT_ID_SALT: SALT });

  it('is the salted SHA-256 of the consent id, the same key POST /api/consent uses', () => {
    const expected = createHash('sha256').update(`${SALT}:${ID}`, 'utf8').digest('hex');
    expect(visitorOf(event({ id: ID }), env)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no consent id', {}],
    ['a malformed consent id (dropped by validation)', { id: 'short' }],
  ])('is undefined with %s', (_name, consent) => {
    expect(visitorOf(event(consent), env)).toBeUndefined();
  });

  it('differs between deployments (salts), so hashes cannot be joined across sites', () => {
    const other = loadEnv({ CONSENT_ID_SALT: `${SALT}-other` });
    expect(visitorOf(event({ id: ID }), other)).not.toBe(visitorOf(event({ id: ID }), env));
  });
});
