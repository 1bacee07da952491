// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { buildEventBody } from '../../../../widget/transport/event-body.js';
import { newEventId } from '../../../../widget/transport/event-id.js';
import { sendToRelay } from '../../../../widget/transport/send.js';
import { CANARY } from '../../../support/canaries.js';
import { MAX_CUSTOM_BYTES } from '../../../../api/_pipeline/validate.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('newEventId', () => {
  test('uses crypto.randomUUID where it exists', () => {
    vi.spyOn(crypto, 'randomUUID').mockReturnValue('11111111-2222-4333-8444-555555555555');
    expect(newEventId()).toBe('11111111-2222-4333-8444-555555555555');
  });

  test('falls back to a getRandomValues v4 UUID (plain-http pages have no randomUUID)', () => {
    const real = crypto.getRandomValues.bind(crypto);
    vi.stubGlobal('crypto', { getRandomValues: real });
    const ids = new Set(Array.from({ length: 50 }, () => newEventId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});

describe('buildEventBody', () => {
  test('the whole body, fields and ids as given', () => {
    const body = JSON.parse(
      buildEventBody({
        eventId: 'e1',
        eventName: 'Lead',
        eventTime: 1_800_000_000_000,
        user: { email: CANARY.email, phone: CANARY.phone, first_name: '' },
        customData: { value: 10, currency: 'EUR' },
        fbc: 'fb.1.1700000000000.AbC',
        fbp: 'fb.1.1700000000000.42',
        consent: { ads: 'unknown', gpc: false, source: 'default' },
        source: { tool: 'html', form: 'contact' },
      }),
    );
    expect(body).toEqual({
      event_id: 'e1',
      event_name: 'Lead',
      event_time: 1_800_000_000_000,
      event_source_url: location.href,
      fbc: 'fb.1.1700000000000.AbC',
      fbp: 'fb.1.1700000000000.42',
      user: { email: CANARY.email, phone: CANARY.phone },
      custom_data: { value: 10, currency: 'EUR' },
      consent: { ads: 'unknown', gpc: false, source: 'default' },
      source: { tool: 'html', form: 'contact' },
    });
  });

  test('long strings are cut, odd custom properties dropped, and the body stays far below 64 KiB', () => {
    const huge = 'x'.repeat(100_000);
    const custom: Record<string, unknown> = { note: huge, nested: { a: 1 }, 'bad key': 1, fn: () => 1, n: Infinity };
    for (let i = 0; i < 100; i++) custom['k' + i] = huge;
    const text = buildEventBody({
      eventId: 'e1',
      eventName: 'Lead',
      eventTime: 1_800_000_000_000,
      user: { email: huge, city: huge },
      customData: custom,
      consent: { ads: 'unknown', gpc: false, source: 'default' },
      source: { tool: 'api', form: huge, submissionId: huge },
    });
    const body = JSON.parse(text);
    expect(text.length).toBeLessThan(64 * 1024);
    expect(body.user.email).toHaveLength(256);
    expect(body.custom_data.note).toHaveLength(200);
    // inside what the server accepts (api/_pipeline/validate.ts): at most 20 keys and MAX_CUSTOM_BYTES
    expect(Object.keys(body.custom_data).length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(body.custom_data).length).toBeLessThanOrEqual(MAX_CUSTOM_BYTES);
    expect(body.custom_data).not.toHaveProperty('nested');
    expect(body.custom_data).not.toHaveProperty('bad key');
    expect(body.custom_data).not.toHaveProperty('n');
    expect(body.source.form).toHaveLength(200);
  });
});

describe('sendToRelay', () => {
  const URL_ = 'https://t.example.com/api/event';
  const settle = () => new Promise((ok) => setTimeout(ok, 0));

  test('keepalive fetch, credentials, string body, no custom headers (no preflight)', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(new Response('{}')));
    vi.stubGlobal('fetch', fetchMock);
    const retry = vi.fn();
    sendToRelay(URL_, '{"a":1}', retry);
    expect(fetchMock).toHaveBeenCalledWith(URL_, { method: 'POST', keepalive: true, credentials: 'include', body: '{"a":1}' });
    await settle();
    expect(retry).not.toHaveBeenCalled();
  });

  test.each([
    ['fetch rejects (network error, keepalive quota)', () => vi.fn(() => Promise.reject(new TypeError('quota')))],
    ['fetch throws', () => vi.fn(() => { throw new TypeError('no fetch'); })],
    ['the relay answers 503 (store down)', () => vi.fn(() => Promise.resolve(new Response('{}', { status: 503 })))],
    ['the relay answers 500', () => vi.fn(() => Promise.resolve(new Response('{}', { status: 500 })))],
  ])('hands the body to the retry chunk when %s', async (_name, make) => {
    vi.stubGlobal('fetch', make());
    const retry = vi.fn();
    sendToRelay(URL_, '{"a":1}', retry);
    await settle();
    expect(retry).toHaveBeenCalledWith('{"a":1}');
  });

  test.each([[200], [400], [403], [413], [429]])('does not retry an answered %i', async (status) => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response('{}', { status }))));
    const retry = vi.fn();
    sendToRelay(URL_, '{"a":1}', retry);
    await settle();
    expect(retry).not.toHaveBeenCalled();
  });
});
