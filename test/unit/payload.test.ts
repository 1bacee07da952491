import { describe, expect, it } from 'vitest';
import {
  EVENT_AGE_SAFETY_SEC,
  MAX_EVENT_AGE_SEC,
  buildCustomData,
  buildServerEvent,
  dataProcessingOptions,
  resolveEventTime,
} from '../../api/_core/payload.js';

const NOW_MS = 1_795_000_000_000;
const NOW_S = 1_795_000_000;
const LIMIT_S = MAX_EVENT_AGE_SEC - EVENT_AGE_SAFETY_SEC;

describe('resolveEventTime', () => {
  it.each<[string, number | undefined, ReturnType<typeof resolveEventTime>]>([
    ['browser ms → seconds', NOW_MS - 5_500, { ok: true, seconds: NOW_S - 6 }],
    ['absent → receive time', undefined, { ok: true, seconds: NOW_S }],
    ['future (skewed clock) → clamped to now', NOW_MS + 3_600_000, { ok: true, seconds: NOW_S }],
    ['exactly at the safe limit → sent', NOW_MS - LIMIT_S * 1000, { ok: true, seconds: NOW_S - LIMIT_S }],
    ['just past the safe limit → too old', NOW_MS - (LIMIT_S + 1) * 1000, { ok: false, reason: 'too_old' }],
    ['8 days old → too old', NOW_MS - 8 * 86_400_000, { ok: false, reason: 'too_old' }],
  ])('%s', (_name, browserMs, expected) => {
    expect(resolveEventTime(browserMs, NOW_MS)).toEqual(expected);
  });

  it('pins the window constants to Meta’s 7 days and a 1 h margin', () => {
    expect(MAX_EVENT_AGE_SEC).toBe(604_800);
    expect(EVENT_AGE_SAFETY_SEC).toBe(3_600);
  });
});

describe('buildCustomData', () => {
  it.each<[string, Record<string, unknown> | undefined, Record<string, unknown> | undefined]>([
    ['absent', undefined, undefined],
    ['empty', {}, undefined],
    ['value + lowercase currency', { value: 12.5, currency: 'usd' }, { value: 12.5, currency: 'USD' }],
    ['numeric string value', { value: ' 30.00 ', currency: 'EUR' }, { value: 30, currency: 'EUR' }],
    ['value without currency is dropped', { value: 10 }, undefined],
    ['invalid currency drops both', { value: 10, currency: 'dollars' }, undefined],
    ['negative value dropped, currency kept', { value: -1, currency: 'USD' }, { currency: 'USD' }],
    ['non-numeric value dropped', { value: '10 bucks', currency: 'USD' }, { currency: 'USD' }],
    ['other keys pass through', { content_name: 'Contact', content_ids: ['a'] }, { content_name: 'Contact', content_ids: ['a'] }],
  ])('%s', (_name, input, expected) => {
    expect(buildCustomData(input)).toEqual(expected);
  });
});

describe('dataProcessingOptions', () => {
  const ldu = { data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 0 };
  const none = { data_processing_options: [] };
  it.each<[string, string | undefined, string | undefined, string[], object]>([
    ['US state in the list', 'US', 'CA', ['CA', 'CO'], ldu],
    ['lowercase inputs', 'us', 'co', ['CA', 'CO'], ldu],
    ['US state not in the list', 'US', 'NY', ['CA'], none],
    ['wildcard covers every US state', 'US', 'TX', ['*'], ldu],
    ['wildcard with unknown US region', 'US', undefined, ['*'], ldu],
    ['non-US country never gets LDU', 'CA', 'CA', ['*'], none],
    ['unknown country', undefined, 'CA', ['CA'], none],
    ['empty list', 'US', 'CA', [], none],
  ])('%s', (_name, country, region, states, expected) => {
    expect(dataProcessingOptions(country, region, states)).toEqual(expected);
  });
});

describe('buildServerEvent', () => {
  it('builds the whole website Lead, in seconds, with no token', () => {
    const event = buildServerEvent({
      event_id: 'id-1',
      event_name: 'Lead',
      event_time: NOW_S,
      event_source_url: 'https://www.example.com/contact?fbclid=AbC',
      referrer_url: 'https://l.facebook.com/',
      user_data: { em: ['a'.repeat(64)], client_user_agent: 'UA', fbc: 'fb.1.1795000000000.AbC' },
      custom_data: { content_name: 'Contact', value: '5', currency: 'usd' },
      country: 'US',
      region: 'CA',
      lduStates: ['CA'],
    });
    expect(event).toEqual({
      event_name: 'Lead',
      event_time: NOW_S,
      event_id: 'id-1',
      action_source: 'website',
      event_source_url: 'https://www.example.com/contact?fbclid=AbC',
      referrer_url: 'https://l.facebook.com/',
      user_data: { em: ['a'.repeat(64)], client_user_agent: 'UA', fbc: 'fb.1.1795000000000.AbC' },
      custom_data: { content_name: 'Contact', value: 5, currency: 'USD' },
      data_processing_options: ['LDU'],
      data_processing_options_country: 1,
      data_processing_options_state: 0,
    });
  });

  it('omits optional parts and sends [] for data_processing_options', () => {
    const event = buildServerEvent({ event_id: 'x', event_name: 'Lead', event_time: NOW_S, event_source_url: 'https://a.co/', user_data: { client_user_agent: 'UA' }, lduStates: [] });
    expect(Object.keys(event).sort()).toEqual(['action_source', 'data_processing_options', 'event_id', 'event_name', 'event_source_url', 'event_time', 'user_data']);
    expect(event.data_processing_options).toEqual([]);
  });
});
