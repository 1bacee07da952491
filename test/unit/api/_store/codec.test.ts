import { describe, expect, it, vi } from 'vitest';
import { dueScore, parseRaw, parseRecord, rawWithContext, serializeRecord, withPayloadContext } from '../../../../api/_store/codec.js';
import type { CapiServerEvent, ConversionRecord } from '../../../../api/_contract/records.js';
import type { EventState } from '../../../../api/_contract/wire.js';

const base: ConversionRecord = {
  event_id: 'ev-1',
  event_name: 'Lead',
  state: 'received',
  received_at: 1_000,
  updated_at: 1_000,
  event_time: 1,
  event_source_url: 'https://www.example.com/',
  consent: { ads: 'granted', gpc: false, verdict: 'allowed', basis: 'test' },
  attempts: [],
};

describe('dueScore', () => {
  it.each<[EventState, number | undefined, number | null]>([
    ['received', 5_000, 5_000],
    ['pending', 7_000, 7_000],
    ['received', undefined, null],
    ['pending', Number.NaN, null],
    ['sent', 5_000, null],
    ['failed', 5_000, null],
    ['filtered', 5_000, null],
    ['suppressed', 5_000, null],
  ])('%s with next_attempt_at %s → %s', (state, next, expected) => {
    expect(dueScore({ ...base, state, next_attempt_at: next })).toBe(expected);
  });
});

describe('parseRecord / parseRaw', () => {
  it.each([
    ['null', null],
    ['not JSON', '{oops'],
    ['a number', '42'],
    ['an array', '[]'],
    ['an object missing state', JSON.stringify({ ...base, state: undefined })],
    ['an object with attempts not a list', JSON.stringify({ ...base, attempts: {} })],
  ])('reads %s as no record', (_label, json) => {
    expect(parseRecord(json)).toBeNull();
  });

  it('reads a stored record back', () => {
    expect(parseRecord(JSON.stringify(base))).toEqual(base);
  });

  it.each([
    ['missing received_at', JSON.stringify({ event_id: 'ev-1' })],
    ['a string', '"ev-1"'],
  ])('reads a raw receipt %s as none', (_label, json) => {
    expect(parseRaw(json)).toBeNull();
  });

  it('reads a stored raw receipt back', () => {
    const raw = { event_id: 'ev-1', received_at: 1_000, client_user_agent: 'UA' };
    expect(parseRaw(JSON.stringify(raw))).toEqual(raw);
  });
});

describe('serializeRecord', () => {
  const payload: CapiServerEvent = {
    event_name: 'Lead',
    event_time: 1,
    event_id: 'ev-1',
    action_source: 'website',
    event_source_url: 'https://www.example.com/',
    user_data: { em: ['a'.repeat(64)], client_user_agent: 'UA "quoted" \\ é' },
    custom_data: { content_name: 'Contact' },
    data_processing_options: [],
  };

  const full: CapiServerEvent = {
    ...payload,
    event_source_url: 'https://www.example.com/contact?email=jane%40example.com&utm_source=meta#top',
    referrer_url: 'https://www.google.com/search?q=jane',
    user_data: { ...payload.user_data, client_ip_address: '203.0.113.9', fbc: 'fb.1.1.AbC', fbp: 'fb.1.1.123' },
  };
  const CONTEXT_KEYS = ['client_ip_address', 'client_user_agent', 'fbc', 'fbp'];
  /** What the audit record keeps of `full`: hashed fields, the record's audit page, no referrer, no context. */
  const audited = { ...payload, user_data: { em: payload.user_data.em } };

  it.each<[string, ConversionRecord, unknown]>([
    ['without a payload', base, base],
    // the names of the context values stay (context_keys: the match-quality levers count them), never the values
    ['with a payload', { ...base, payload: full, reason: 'dry_run', source: { form: '","payload":"x' } }, { ...base, payload: audited, reason: 'dry_run', source: { form: '","payload":"x' }, context_keys: CONTEXT_KEYS }],
    [
      'with a payload and attempts',
      { ...base, state: 'sent', payload: full, attempts: [{ at: 2, duration_ms: 1, status: 200, outcome: 'ok' }] },
      { ...base, state: 'sent', payload: audited, attempts: [{ at: 2, duration_ms: 1, status: 200, outcome: 'ok' }], context_keys: CONTEXT_KEYS },
    ],
  ])('reads back %s without the payload’s context (IP, UA, fbc, fbp, full URLs)', (_label, record, stored) => {
    const json = serializeRecord(record);
    expect(JSON.parse(json)).toStrictEqual(stored);
    for (const personal of ['203.0.113.9', 'UA "quoted"', 'fb.1.1.', 'jane', 'google']) expect(json).not.toContain(personal);
  });

  it('the raw receipt’s context makes the payload whole again, exactly as sent; without it the audit form stays', () => {
    const record: ConversionRecord = { ...base, payload: full };
    const raw = rawWithContext({ event_id: 'ev-1', received_at: 1_000 }, record);
    const stored = parseRecord(serializeRecord(record));
    expect(withPayloadContext(stored, raw)).toEqual(record);
    expect(withPayloadContext(stored, null)).toEqual({ ...base, payload: audited });
    // a record without a payload has nothing to put back
    expect(rawWithContext({ event_id: 'ev-1', received_at: 1_000 }, base)).toEqual({ event_id: 'ev-1', received_at: 1_000 });
  });

  it('writes a payload’s audit form once per payload object and page, as the claim and the save both store it', () => {
    const own = structuredClone(full);
    const record: ConversionRecord = { ...base, payload: own };
    const stringify = vi.spyOn(JSON, 'stringify');
    // the audit form is the one text written from an object with user_data
    const auditWrites = () => stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'user_data' in value).length;
    try {
      const claimed = serializeRecord(record);
      const saved = serializeRecord({ ...record, state: 'sent', attempts: [{ at: 2, duration_ms: 1, status: 200, outcome: 'ok' }] });
      expect(auditWrites()).toBe(1);
      expect(JSON.parse(saved).payload).toStrictEqual(JSON.parse(claimed).payload);
      // another audit page is another text
      const elsewhere = JSON.parse(serializeRecord({ ...record, event_source_url: 'https://www.example.com/other' }));
      expect(auditWrites()).toBe(2);
      expect(elsewhere.payload.event_source_url).toBe('https://www.example.com/other');
      expect(JSON.parse(serializeRecord({ ...base, payload: structuredClone(full) })).payload).toStrictEqual(audited);
    } finally {
      stringify.mockRestore();
    }
  });

  it('keeps the audit form’s memo out of sight: no key, no JSON, no clone, equality unchanged', () => {
    const own = structuredClone(full);
    serializeRecord({ ...base, payload: own });
    expect(Object.keys(own)).toEqual(Object.keys(full));
    expect(JSON.stringify(own)).toBe(JSON.stringify(full));
    expect(own).toStrictEqual(full);
    expect(Object.getOwnPropertySymbols(structuredClone(own))).toEqual([]);
  });
});
