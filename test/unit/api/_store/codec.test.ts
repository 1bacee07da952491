import { describe, expect, it } from 'vitest';
import { serializeServerEvent } from '../../../../api/_meta/payload-json.js';
import { dueScore, parseRaw, parseRecord, serializeRecord } from '../../../../api/_store/codec.js';
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

  it.each<[string, ConversionRecord]>([
    ['without a payload', base],
    ['with a payload', { ...base, payload, reason: 'dry_run', source: { form: '","payload":"x' } }],
    ['with a payload and attempts', { ...base, state: 'sent', payload, attempts: [{ at: 2, duration_ms: 1, status: 200, outcome: 'ok' }] }],
  ])('reads back %s as JSON.stringify would have written it', (_label, record) => {
    expect(JSON.parse(serializeRecord(record))).toStrictEqual(JSON.parse(JSON.stringify(record)));
  });

  it('writes a payload once and reuses that text for the claim, the POST and the save', () => {
    const own = structuredClone(payload);
    const first = serializeServerEvent(own);
    expect(first).toBe(JSON.stringify(own));
    // a stale copy would prove the cache: the text stays the one written first
    (own as { event_name: string }).event_name = 'Changed';
    expect(serializeServerEvent(own)).toBe(first);
    expect(serializeRecord({ ...base, payload: own }, serializeServerEvent)).toContain(first);
  });
});
