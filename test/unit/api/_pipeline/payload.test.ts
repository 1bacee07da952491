import { describe, expect, it } from 'vitest';
import { buildCustomData, buildServerEvent, dataProcessingOptions } from '../../../../api/_pipeline/payload.js';

const NOW_S = 1_795_000_000;

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
