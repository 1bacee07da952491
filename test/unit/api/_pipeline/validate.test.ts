import { describe, expect, it } from 'vitest';
import { MAX_CUSTOM_BYTES, validateEvent } from '../../../../api/_pipeline/validate.js';
import { DEFAULT_EVENT_POLICY } from '../../../../api/_pipeline/event-policy.js';

const ID = '3f1c1c52-8a51-4b2e-9f0e-0c7d3c0d8a11';
const valid = {
  event_id: ID,
  event_source_url: 'https://www.example.com/contact?utm_source=x',
  consent: { ads: 'granted', gpc: false },
};

function issuesOf(body: unknown) {
  const result = validateEvent(body);
  if (result.ok) throw new Error('expected invalid');
  return result.issues;
}

describe('validateEvent accepts', () => {
  it('a minimal body and defaults event_name to Lead', () => {
    const result = validateEvent(valid);
    expect(result).toEqual({ ok: true, event: { ...valid, event_name: 'Lead' } });
  });

  it('a full body, keeping every known field', () => {
    const body = {
      ...valid,
      event_name: 'Contact',
      event_time: 1_795_000_000_123,
      referrer_url: 'https://www.google.com/',
      fbc: 'fb.1.1795000000123.AbC',
      fbp: 'fb.1.1795000000123.123',
      user: { email: 'a@b.co', phone: '+1 415', first_name: 'A', last_name: 'B', full_name: 'A B', city: 'X', state: 'CA', zip: '1', country: 'US', date_of_birth: '1990-01-01', gender: 'f', external_id: 'u1' },
      custom_data: { value: 12.5, currency: 'usd', content_name: 'Contact form', content_ids: ['a', 1], ok: true, none: null, 'form-step 2': 'x' },
      consent: { ads: 'unknown', gpc: true, source: 'banner' },
      source: { tool: 'webflow', form: 'contact', submission_id: 's1' },
    };
    expect(validateEvent(body)).toEqual({ ok: true, event: body });
  });

  it.each<[string, unknown, string | undefined]>([
    ['a UUID', '7d3f0c2a-1b4e-4a9d-8c6f-5e2d1a0b9c8d', '7d3f0c2a-1b4e-4a9d-8c6f-5e2d1a0b9c8d'],
    ['16 characters', 'abcdefABCDEF0123', 'abcdefABCDEF0123'],
    ['64 characters', 'a'.repeat(64), 'a'.repeat(64)],
    ['too short (dropped)', 'a'.repeat(15), undefined],
    ['too long (dropped)', 'a'.repeat(65), undefined],
    ['with other characters (dropped)', '7d3f0c2a_1b4e_4a9d+8c6f', undefined],
    ['a number (dropped)', 1234567890123456, undefined],
    ['null (dropped)', null, undefined],
  ])('consent.id: %s, without costing the lead', (_name, id, kept) => {
    const result = validateEvent({ ...valid, consent: { ...valid.consent, id } });
    expect(result.ok).toBe(true);
    expect(result.ok && result.event.consent.id).toBe(kept);
  });

  it('drops unknown user keys and top-level keys instead of failing (forward compatible, never stored)', () => {
    const result = validateEvent({ ...valid, extra: 1, user: { email: 'a@b.co', favourite_color: 'red' } });
    expect(result).toEqual({ ok: true, event: { ...valid, event_name: 'Lead', user: { email: 'a@b.co' } } });
  });

  it('treats null user fields as absent', () => {
    const result = validateEvent({ ...valid, user: { email: null, phone: '1' } });
    expect(result.ok && result.event.user).toEqual({ phone: '1' });
  });

  it('gives undefined for every null user field and leaves the posted body as it was', () => {
    const keys = ['email', 'phone', 'first_name', 'last_name', 'full_name', 'city', 'state', 'zip', 'country', 'date_of_birth', 'gender', 'external_id'];
    const body = { ...valid, user: Object.fromEntries(keys.map((k) => [k, null])) };
    const result = validateEvent(body);
    expect(result.ok && Object.values(result.event.user ?? {}).filter((v) => v !== undefined)).toEqual([]);
    expect(Object.values(body.user)).toEqual(keys.map(() => null));
  });
});

describe('validateEvent refuses nasty bodies with a path per problem', () => {
  it.each([
    ['null', null, [''], 'body must be a JSON object'],
    ['an array', [valid], [''], 'body must be a JSON object'],
    ['a number', 42, [''], 'body must be a JSON object'],
    ['a string', '{}', [''], 'body must be a JSON object'],
    ['no event_id', { ...valid, event_id: undefined }, ['event_id'], 'must be a UUID (the Pixel eventID)'],
    ['a bad uuid', { ...valid, event_id: 'lead_7f3c2a' }, ['event_id'], 'must be a UUID (the Pixel eventID)'],
    ['negative event_time', { ...valid, event_time: -1 }, ['event_time'], 'must be milliseconds since epoch'],
    ['event_time as a string', { ...valid, event_time: '1795000000123' }, ['event_time'], 'must be a number (ms since epoch)'],
    ['event_time fractional', { ...valid, event_time: 1_795_000_000_123.5 }, ['event_time'], 'must be an integer (ms since epoch)'],
    ['event_time in microseconds', { ...valid, event_time: 1_795_000_000_123_000 }, ['event_time'], 'must be milliseconds since epoch'],
    ['a non-http event_source_url', { ...valid, event_source_url: 'javascript:alert(1)' }, ['event_source_url'], 'must be an absolute http(s) URL'],
    ['a relative event_source_url', { ...valid, event_source_url: '/contact' }, ['event_source_url'], 'must be an absolute http(s) URL'],
    ['a huge event_source_url', { ...valid, event_source_url: `https://a.co/${'x'.repeat(5000)}` }, ['event_source_url'], 'must be at most 2048 characters'],
    ['no consent', { ...valid, consent: undefined }, ['consent'], 'is required: { ads, gpc }'],
    ['a bad consent value', { ...valid, consent: { ads: 'yes', gpc: false } }, ['consent.ads'], 'must be "granted", "denied" or "unknown"'],
    ['gpc as a string', { ...valid, consent: { ads: 'granted', gpc: '1' } }, ['consent.gpc'], 'must be true or false'],
    ['a numeric email', { ...valid, user: { email: 5 } }, ['user.email'], 'must be a string'],
    ['a huge name', { ...valid, user: { first_name: 'x'.repeat(100_000) } }, ['user.first_name'], 'must be at most 256 characters'],
    ['user as an array', { ...valid, user: ['a'] }, ['user'], undefined],
    ['nested custom_data', { ...valid, custom_data: { deep: { deeper: { x: 1 } } } }, ['custom_data.deep'], 'must be a string, number, boolean, null or an array of those'],
    ['custom_data value of Infinity (JSON 1e400)', { ...valid, custom_data: JSON.parse('{"value":1e400}') as unknown }, ['custom_data.value'], undefined],
    ['a custom_data key starting with _', { ...valid, custom_data: { _private: 1 } }, ['custom_data._private'], 'keys must be 1–64 letters, digits, space, _ . : or - and start with a letter or digit'],
    ['a custom_data key with markup', { ...valid, custom_data: { '<b>': 1 } }, ['custom_data.<b>'], undefined],
    ['deep nesting in custom_data', { ...valid, custom_data: { a: JSON.parse('['.repeat(5000) + ']'.repeat(5000)) as unknown } }, ['custom_data.a'], undefined],
    ['an event_name with punctuation', { ...valid, event_name: 'Lead<script>' }, ['event_name'], 'must be 1–50 letters, digits, spaces, _ or -'],
    ['fbc as a number', { ...valid, fbc: 123 }, ['fbc'], 'must be a string'],
  ])('%s', (_name, body, paths, message) => {
    const issues = issuesOf(body);
    expect(issues.map((i) => i.path)).toEqual(paths);
    if (message) expect(issues[0]?.message).toBe(message);
  });

  it('drops a __proto__ key in custom_data without polluting any prototype', () => {
    const result = validateEvent({ ...valid, custom_data: JSON.parse('{"__proto__":{"polluted":1},"a":1}') as unknown });
    expect(result.ok && { ...result.event.custom_data }).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('lists several problems at once', () => {
    const paths = issuesOf({ event_id: 'x', event_source_url: 'ftp://a', consent: {} }).map((i) => i.path);
    expect(paths).toEqual(['event_id', 'event_source_url', 'consent.ads', 'consent.gpc']);
  });

  it('caps the issue list so a hostile body cannot produce a huge answer', () => {
    const custom = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, { x: 1 }]));
    expect(issuesOf({ ...valid, custom_data: custom }).length).toBe(20);
  });
});

describe('validateEvent says only what the site allows (ALLOWED_EVENTS, MAX_EVENT_VALUE)', () => {
  it('refuses a forged Purchase by default, naming event_name and the allowed names', () => {
    const issues = issuesOf({ ...valid, event_name: 'Purchase', custom_data: { value: 99_999, currency: 'USD' } });
    expect(issues).toEqual([{ path: 'event_name', message: 'must be one of the events this site allows (ALLOWED_EVENTS): Lead, CompleteRegistration, Contact, Schedule, SubmitApplication' }]);
  });

  it.each(DEFAULT_EVENT_POLICY.allowedEvents)('accepts the lead-type standard event %s by default', (name) => {
    expect(validateEvent({ ...valid, event_name: name }).ok).toBe(true);
  });

  it('accepts a name the site configured (data-event="Quote" with ALLOWED_EVENTS=Lead,Quote) and refuses the default ones it left out', () => {
    const policy = { allowedEvents: ['Lead', 'Quote'], maxEventValue: 500 };
    expect(validateEvent({ ...valid, event_name: 'Quote' }, policy).ok).toBe(true);
    const refused = validateEvent({ ...valid, event_name: 'Contact' }, policy);
    expect(!refused.ok && refused.issues.map((i) => i.path)).toEqual(['event_name']);
  });

  it.each([
    ['a value above MAX_EVENT_VALUE', { value: 100_001, currency: 'EUR' }, 'custom_data.value', 'must be a number from 0 to 100000 (MAX_EVENT_VALUE)'],
    ['a negative value', { value: -5 }, 'custom_data.value', 'must be a number from 0 to 100000 (MAX_EVENT_VALUE)'],
    ['a value as a string', { value: '10' }, 'custom_data.value', 'must be a number from 0 to 100000 (MAX_EVENT_VALUE)'],
    ['a made-up currency', { value: 10, currency: 'XYZ' }, 'custom_data.currency', 'must be an ISO 4217 currency code such as EUR or USD'],
    ['a currency that is not a code', { currency: 'euro' }, 'custom_data.currency', 'must be an ISO 4217 currency code such as EUR or USD'],
  ])('refuses %s, naming the field', (_name, custom_data, path, message) => {
    expect(issuesOf({ ...valid, custom_data })).toEqual([{ path, message }]);
  });

  it('accepts a bounded value with a real currency in either case', () => {
    expect(validateEvent({ ...valid, custom_data: { value: 100_000, currency: 'eur' } }).ok).toBe(true);
    expect(validateEvent({ ...valid, custom_data: { value: 0, currency: 'JPY' } }).ok).toBe(true);
  });

  it('caps custom_data in keys and in bytes', () => {
    const keys = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 1]));
    expect(issuesOf({ ...valid, custom_data: keys })).toEqual([{ path: 'custom_data', message: 'must have at most 20 keys' }]);
    const arrays = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`ids${i}`, Array.from({ length: 20 }, () => 'x'.repeat(200))]));
    expect(issuesOf({ ...valid, custom_data: arrays })).toEqual([{ path: 'custom_data', message: `must be at most ${MAX_CUSTOM_BYTES} bytes as JSON` }]);
  });
});

describe('validateEvent never lets a card number through (issue 15 item 4)', () => {
  it.each([
    ['a Visa test number as the phone', { phone: '4111 1111 1111 1111' }],
    ['a Mastercard test number with dashes', { phone: '5555-5555-5555-4444' }],
    ['a 19-digit number in another field', { external_id: '6011000990139424000'.slice(0, 16) }],
  ])('drops %s before anything is stored', (_name, user) => {
    const result = validateEvent({ ...valid, user: { email: 'jane@example.com', ...user } });
    expect(result.ok && result.event.user).toEqual({ email: 'jane@example.com', ...Object.fromEntries(Object.keys(user).map((k) => [k, undefined])) });
  });

  it('keeps a long phone number that fails the Luhn check, and an international one', () => {
    const result = validateEvent({ ...valid, user: { phone: '4111111111111112' } });
    expect(result.ok && result.event.user?.phone).toBe('4111111111111112');
    expect(validateEvent({ ...valid, user: { phone: '+49 1512 3456789' } }).ok).toBe(true);
  });
});
