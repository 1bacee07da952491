import { describe, expect, it } from 'vitest';
import { checkEventBody } from '../../../../api/_pipeline/event-body.js';
import { DEFAULT_EVENT_POLICY } from '../../../../api/_pipeline/event-policy.js';
import { readPlainEvent } from '../../../../api/_pipeline/plain-event.js';
import { eventBodySchema, validateEvent } from '../../../../api/_pipeline/validate.js';

// The zod-free reader in front of the body schema (issue 13) must never accept what the schema
// refuses and must give back exactly what the schema gives: same keys in the same order, unknown
// keys dropped, undefined where the schema leaves undefined. So every generated body goes through
// both, and through checkEventBody against validateEvent (the policy step and the 400 messages).

/** JSON that shows undefined and key order, so "same output" means the same object. */
const exact = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (v === undefined ? '<undefined>' : v));

const UUID = '0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21';
const long = (n: number) => 'x'.repeat(n);

/** Values tried for each field: valid, invalid and edge cases of each rule. */
const POOL: Record<string, unknown[]> = {
  event_id: [UUID, UUID.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0b7a6b8e-3a3c-0c53-9d1e-2f7c9a1e4b21', '0b7a6b8e-3a3c-4c53-cd1e-2f7c9a1e4b21', 'not-a-uuid', 12, null],
  event_name: ['Lead', 'Contact', 'Purchase', 'Quote Request', '<script>', '', long(51), 5, null],
  event_time: [1_700_000_000_000, 0, -1, 1e13, 1e13 - 1, 1.5, '1700000000000', null, 1e21],
  event_source_url: ['https://a.example/x', 'http://a.example', 'ftp://a.example', 'a.example/x', `https://a.example/${long(2040)}`, `https://a.example/${long(2060)}`, '', 3, null],
  referrer_url: ['https://google.com/', 'javascript:alert(1)', null, 7],
  fbc: ['fb.1.1700000000000.abc', long(640), long(641), 1, null],
  fbp: ['fb.1.1700000000000.123', '', 2, null],
  user: [
    { email: 'Jane@Example.com', phone: '+14155550100' },
    { email: null, phone: '', first_name: 'Jane', unknown: 'dropped' },
    { email: long(256) },
    { email: long(257) },
    { phone: 4155550100 },
    { email: '4111 1111 1111 1111', phone: '4111111111111111' },
    { first_name: 'Émile', last_name: 'Zoë', full_name: null, city: 'Köln', state: 'NRW', zip: '50667', country: 'de', date_of_birth: '19800101', gender: 'f', external_id: 'abc' },
    {},
    [],
    'jane@example.com',
    null,
  ],
  custom_data: [
    { value: 10, currency: 'EUR' },
    { value: 10, currency: 'eur', content_name: 'x' },
    { value: -1 },
    { value: 1e9 },
    { value: '10' },
    { currency: 'XYZ' },
    { ids: ['a', 'b', 1] },
    { nested: { a: 1 } },
    { 'bad key!': 1 },
    { _x: 1 },
    { ok: long(200) },
    { ok: long(201) },
    Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
    Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])),
    Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, long(199)])),
    { flag: true, none: null },
    {},
    [],
    null,
  ],
  consent: [
    { ads: 'granted', gpc: false },
    { ads: 'denied', gpc: true, source: 'banner', id: 'abcdefghijklmnopq' },
    { ads: 'unknown', gpc: false, id: 'short' },
    { ads: 'granted', gpc: false, id: 12 },
    { ads: 'granted', gpc: false, id: null },
    { ads: 'granted', gpc: false, source: long(65) },
    { ads: 'yes', gpc: false },
    { ads: 'granted', gpc: 'false' },
    { ads: 'granted' },
    { ads: 'granted', gpc: false, extra: 1 },
    'granted',
    null,
  ],
  source: [{ tool: 'typeform', submission_id: 'abc' }, { form: long(200) }, { form: long(201) }, { tool: 1 }, { other: 'x' }, {}, null, 'typeform'],
  pending: [true, false, 'true', 1, null],
};

/** A small deterministic generator, so a failure names a body that fails again. */
function generator(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function bodies(count: number): unknown[] {
  const random = generator(13);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const keys = Object.keys(POOL);
  const out: unknown[] = [[], null, 'text', 12, {}];
  for (let i = 0; i < count; i++) {
    const body: Record<string, unknown> = { event_id: UUID, event_source_url: 'https://a.example/x', consent: { ads: 'granted', gpc: false } };
    // mostly one or two changes to a valid body, so most bodies are near the edge of valid
    const changes = 1 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++) {
      const key = pick(keys);
      if (random() < 0.1) delete body[key];
      else body[key] = pick(POOL[key]!);
    }
    if (random() < 0.05) body['unknown_top_level'] = 1;
    out.push(JSON.parse(JSON.stringify(body)));
  }
  return out;
}

describe('readPlainEvent (the zod-free body reader)', () => {
  const all = bodies(6000);

  it('accepts only what the schema accepts, and returns exactly what the schema returns', () => {
    let accepted = 0;
    for (const body of all) {
      const plain = readPlainEvent(body);
      if (!plain) continue;
      accepted += 1;
      const parsed = eventBodySchema.safeParse(body);
      expect(parsed.success, exact(body)).toBe(true);
      expect(exact(plain), exact(body)).toBe(exact(parsed.data));
      expect(Object.keys(plain.consent), exact(body)).toEqual(Object.keys(parsed.data!.consent));
    }
    // enough of both kinds for the comparison to mean something
    expect(accepted).toBeGreaterThan(1000);
    expect(all.length - accepted).toBeGreaterThan(1000);
  });

  it('gives checkEventBody the same answer as validateEvent: the event, or the 400 issues word for word', async () => {
    const policy = { ...DEFAULT_EVENT_POLICY, allowedEvents: [...DEFAULT_EVENT_POLICY.allowedEvents, 'Quote Request'] };
    for (const body of all) {
      const expected = validateEvent(structuredClone(body), policy);
      expect(exact(await checkEventBody(structuredClone(body), policy)), exact(body)).toBe(exact(expected));
    }
  });

  it("takes the bodies the widget sends, so they never wait for zod", () => {
    const widgetBodies = [
      { event_id: UUID, event_name: 'Lead', event_time: 1_700_000_000_000, event_source_url: 'https://www.example.com/contact', referrer_url: 'https://www.google.com/', fbc: 'fb.1.1700000000000.IwAR2x', fbp: 'fb.1.1700000000000.1234567890', user: { email: 'jane@example.com', phone: '+14155550100', first_name: 'Jane', last_name: 'Doe' }, custom_data: { value: 25, currency: 'EUR' }, consent: { ads: 'granted', gpc: false, source: 'banner', id: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e' }, source: { tool: 'webflow', form: 'Contact' } },
      { event_id: UUID, event_source_url: 'https://www.example.com/book', user: {}, consent: { ads: 'granted', gpc: false }, source: { tool: 'calendly', submission_id: 'abc123' } },
    ];
    for (const body of widgetBodies) expect(readPlainEvent(body), exact(body)).toBeDefined();
  });

  it('leaves the body it read untouched (the event is its own copy)', async () => {
    const body = { event_id: UUID, event_source_url: 'https://a.example/x', user: { email: null, phone: '4111111111111111' }, consent: { ads: 'granted', gpc: false } };
    const before = exact(body);
    const checked = await checkEventBody(body, DEFAULT_EVENT_POLICY);
    expect(checked.ok && checked.event.user).toEqual({ email: undefined, phone: undefined });
    expect(exact(body)).toBe(before);
  });
});
