import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { COMPILE_AFTER_EVENTS, eventBodySchema, validateEvent } from '../../../../api/_pipeline/validate.js';

// validate.ts switches a warm instance to zod's compiled parser: it must answer every body exactly
// as the runtime parser does (the same data for a valid body, the same issues for a bad one).

const ID = '3f1c1c52-8a51-4b2e-9f0e-0c7d3c0d8a11';
const valid = { event_id: ID, event_source_url: 'https://www.example.com/contact?utm_source=x', consent: { ads: 'granted', gpc: false } };
const user = { email: 'a@b.co', phone: '+1 415 555 0123', first_name: 'A', last_name: 'B', full_name: 'A B', city: 'X', state: 'CA', zip: '1', country: 'US', date_of_birth: '1990-01-01', gender: 'f', external_id: 'u1' };

const BODIES: [string, unknown][] = [
  ['minimal', valid],
  ['full', { ...valid, event_name: 'Contact', event_time: 1_795_000_000_123, referrer_url: 'https://www.google.com/', fbc: 'fb.1.1.AbC', fbp: 'fb.1.1.123', user, custom_data: { value: 12.5, currency: 'usd', content_ids: ['a', 1], ok: true, none: null }, consent: { ads: 'unknown', gpc: true, source: 'banner', id: 'abcdefABCDEF0123' }, source: { tool: 'webflow', form: 'contact', submission_id: 's1' } }],
  ['null and unknown user fields, unknown top-level keys', { ...valid, extra: { deep: 1 }, user: { email: null, phone: null, city: 'X', favourite_color: 'red' } }],
  ['a malformed consent id (dropped)', { ...valid, consent: { ...valid.consent, id: 'no!' } }],
  ['a numeric consent id (dropped)', { ...valid, consent: { ...valid.consent, id: 1234567890123456 } }],
  ['not an object', 'hello'],
  ['null', null],
  ['an array', [valid]],
  ['no consent', { event_id: ID, event_source_url: valid.event_source_url }],
  ['a bad event_id and URL', { ...valid, event_id: 'x', event_source_url: 'javascript:alert(1)' }],
  ['a bad referrer and event_name', { ...valid, referrer_url: 'ftp://x', event_name: 'Lead!' }],
  ['event_time out of range and fractional', { ...valid, event_time: 1.5 }],
  ['a negative event_time', { ...valid, event_time: -1 }],
  ['wrong user field types', { ...valid, user: { email: 5, phone: ['x'], first_name: 'x'.repeat(300) } }],
  ['user not an object', { ...valid, user: 'a@b.co' }],
  ['custom_data with a nested object', { ...valid, custom_data: { nested: { a: 1 } } }],
  ['custom_data with a bad key', { ...valid, custom_data: { '-bad': 1 } }],
  ['custom_data too many keys', { ...valid, custom_data: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }],
  ['custom_data a long array', { ...valid, custom_data: { ids: Array.from({ length: 21 }, (_, i) => i) } }],
  ['custom_data a long string', { ...valid, custom_data: { name: 'x'.repeat(201) } }],
  ['consent with wrong types', { ...valid, consent: { ads: 'yes', gpc: 'no', source: 'x'.repeat(65) } }],
  ['source with long fields', { ...valid, source: { tool: 'x'.repeat(65), form: 'y'.repeat(201), submission_id: 5 } }],
  ['fbc too long', { ...valid, fbc: 'f'.repeat(641) }],
];

describe('the compiled event parser', () => {
  const compiled = z.compile(eventBodySchema);

  it.each(BODIES)('answers %s exactly as the runtime parser', (_name, body) => {
    const runtime = eventBodySchema.safeParse(structuredClone(body));
    const fast = compiled.safeParse(structuredClone(body));
    expect(fast.success).toBe(runtime.success);
    if (runtime.success && fast.success) expect(fast.data).toStrictEqual(runtime.data);
    else expect(fast.error?.issues).toStrictEqual(runtime.error?.issues);
  });

  it('copies the user object (validate.ts nulls fields in place), never hands back the body’s own', () => {
    const body = { ...valid, user: { email: 'a@b.co', phone: null } };
    const fast = compiled.safeParse(body);
    expect(fast.success && fast.data.user).not.toBe(body.user);
  });

  it('validateEvent answers alike before and after the instance switches to it', () => {
    const answers = () => BODIES.map(([, body]) => validateEvent(structuredClone(body)));
    const first = answers(); // enough calls to pass COMPILE_AFTER_EVENTS
    expect(BODIES.length).toBeGreaterThan(COMPILE_AFTER_EVENTS);
    expect(answers()).toStrictEqual(first);
  });
});
