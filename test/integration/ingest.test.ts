import { describe, expect, it } from 'vitest';
import { GRAPH_API_VERSION } from '../../api/_meta/graph-sender.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { CANARY } from '../support/canaries.js';
import { eventBody, eventRequest, expectedUserData, PAGE, useFakeGraphRuntime } from './ingest-support.js';

const live = useFakeGraphRuntime();

async function post(body: Record<string, unknown>, headers: Record<string, string | undefined> = {}) {
  const res = await handleEvent(eventRequest(body, headers), live.runtime);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('ingest through the fake Graph API', () => {
  it('sends one well-formed Lead and keeps the audit trail', async () => {
    const body = eventBody({ event_time: live.clock.now - 4_000 });
    const res = await post(body);
    expect(res).toEqual({ status: 200, json: { event_id: body['event_id'], status: 'sent' } });

    expect(live.fake.requests).toHaveLength(1);
    const request = live.fake.requests[0]!;
    expect(request.url).toBe(`/${GRAPH_API_VERSION}/${live.fake.pixelId}/events`);
    expect(request.body).toEqual({
      data: [
        {
          event_name: 'Lead',
          event_time: Math.floor((live.clock.now - 4_000) / 1000),
          event_id: body['event_id'],
          action_source: 'website',
          event_source_url: PAGE,
          user_data: expectedUserData(),
          custom_data: { content_name: 'Contact form' },
          data_processing_options: [],
        },
      ],
      access_token: CANARY.accessToken,
    });

    const record = await live.store.get(body['event_id'] as string);
    expect(record).toMatchObject({ state: 'sent', event_time: Math.floor((live.clock.now - 4_000) / 1000), consent: { verdict: 'allowed', basis: 'granted', region: 'US-WA' } });
    expect(record?.payload).toEqual((request.body as { data: unknown[] }).data[0]);
    expect(record?.attempts).toEqual([{ at: expect.any(Number), duration_ms: expect.any(Number), status: 200, outcome: 'ok', fbtrace_id: expect.stringMatching(/^FakeTrace/) }]);
    expect(record?.next_attempt_at).toBeUndefined();
    expect(JSON.stringify(record)).not.toContain(CANARY.accessToken);
    expect(JSON.stringify(record)).not.toContain(CANARY.emailNormalized);
    expect(await live.store.getRaw(body['event_id'] as string)).toMatchObject({ user: { email: CANARY.email }, client_ip_address: CANARY.ip, fbc: expect.any(String) });
  });

  it('retries 5xx twice then succeeds: one record, three attempts, same event_id each time', async () => {
    live.fake.fail(1, 500);
    live.fake.fail(1, 503);
    const body = eventBody();
    const res = await post(body);
    expect(res).toEqual({ status: 200, json: { event_id: body['event_id'], status: 'sent' } });
    expect(live.fake.requests.map((r) => (r.body as { data: { event_id: string }[] }).data[0]?.event_id)).toEqual([body['event_id'], body['event_id'], body['event_id']]);
    const record = await live.store.get(body['event_id'] as string);
    expect(record?.state).toBe('sent');
    expect(record?.attempts.map((a) => [a.status, a.outcome])).toEqual([[500, 'transient'], [503, 'transient'], [200, 'ok']]);
    expect(await live.store.listRecent(10)).toEqual([body['event_id']]);
  });

  it('keeps the lead pending and pauses sending after ONE attempt refused for the token, with Meta’s error (issue 10 item 2)', async () => {
    live.fake.fail(1, 190);
    const body = eventBody();
    const res = await post(body);
    expect(res.json).toEqual({ event_id: body['event_id'], status: 'pending', reason: 'sending_paused' });
    expect(live.fake.requests).toHaveLength(1);
    expect(await live.store.getPause()).toMatchObject({ reason: 'meta_error_190_463' });
    const record = await live.store.get(body['event_id'] as string);
    expect(record?.attempts).toHaveLength(1);
    expect(record?.attempts[0]?.error).toEqual({ message: 'Error validating access token: Session has expired.', code: 190, subcode: 463, type: 'OAuthException' });
    expect(record?.attempts[0]?.fbtrace_id).toMatch(/^FakeTrace/);
  });

  it.each([[613], [17], [4]] as const)('retries throttling code %i', async (code) => {
    live.fake.fail(1, code);
    const body = eventBody();
    expect((await post(body)).json['status']).toBe('sent');
    expect(live.fake.requests).toHaveLength(2);
  });

  it('retries a timed-out attempt', async () => {
    live.fake.fail(1, 'timeout');
    const body = eventBody();
    expect((await post(body)).json['status']).toBe('sent');
    const record = await live.store.get(body['event_id'] as string);
    expect(record?.attempts[0]).toMatchObject({ status: null, outcome: 'transient', error: { message: 'timeout after 400 ms' } });
    expect(record?.attempts).toHaveLength(2);
  });

  it('keeps an event pending with next_attempt_at when the budget runs out', async () => {
    live.fake.fail(10, 503);
    const body = eventBody();
    const res = await post(body);
    expect(res).toEqual({ status: 200, json: { event_id: body['event_id'], status: 'pending', reason: 'retry_budget_exhausted' } });
    const record = await live.store.get(body['event_id'] as string);
    expect(record?.attempts).toHaveLength(3);
    expect(record?.next_attempt_at).toBe(live.clock.now + 60_000);
    expect(await live.store.listDue(live.clock.now + 60_000, 10)).toEqual([body['event_id']]);
    expect(await live.store.getRaw(body['event_id'] as string)).not.toBeNull();
  });

  it('answers a replay of the same event_id with the original outcome and sends nothing', async () => {
    const body = eventBody();
    await post(body);
    const again = await post(body);
    expect(again).toEqual({ status: 200, json: { event_id: body['event_id'], status: 'sent', duplicate: true } });
    expect(live.fake.requests).toHaveLength(1);
  });

  it('collapses a new event_id with the same email on the same form within 10 minutes', async () => {
    // start 11 minutes in the past so the last post happens at real "now" (the fake Graph checks event_time)
    live.clock.now -= 11 * 60_000;
    await post(eventBody());
    const retry = eventBody({ user: { email: `  ${CANARY.email.toUpperCase()} ` } });
    expect((await post(retry)).json).toEqual({ event_id: retry['event_id'], status: 'sent', duplicate: true });
    expect(live.fake.requests).toHaveLength(1);

    const otherForm = eventBody({ source: { form: 'newsletter' } });
    expect((await post(otherForm)).json['duplicate']).toBeUndefined();
    expect(live.fake.requests).toHaveLength(2);

    live.clock.now += 11 * 60_000;
    const later = eventBody();
    expect((await post(later)).json).toEqual({ event_id: later['event_id'], status: 'sent' });
    expect(live.fake.requests).toHaveLength(3);
  });

  it('uses the page without query as the form when source.form is absent, and the phone when there is no email', async () => {
    const user = { phone: CANARY.phone, first_name: CANARY.firstName };
    await post(eventBody({ source: undefined, user }));
    const sameUrlOtherQuery = eventBody({ source: undefined, user, event_source_url: 'https://www.example.com/contact?utm_source=other#top' });
    expect((await post(sameUrlOtherQuery)).json['duplicate']).toBe(true);
    expect(live.fake.requests).toHaveLength(1);
  });

  it.each([
    ['GPC in the body', { consent: { ads: 'granted', gpc: true } }, {}, 'gpc'],
    ['ads denied', { consent: { ads: 'denied', gpc: false } }, {}, 'denied'],
    ['Sec-GPC header', {}, { 'sec-gpc': '1' }, 'gpc_header'],
    ['unknown consent in the EU', { consent: { ads: 'unknown', gpc: false } }, { 'x-vercel-ip-country': 'DE', 'x-vercel-ip-country-region': 'BE' }, 'unknown_opt_in_region'],
    ['unknown consent, no geo', { consent: { ads: 'unknown', gpc: false } }, { 'x-vercel-ip-country': undefined }, 'unknown_region'],
  ])('suppresses %s: nothing sent, no PII stored', async (_name, overrides, headers, basis) => {
    const body = eventBody(overrides);
    const res = await post(body, headers);
    expect(res.json).toEqual({ event_id: body['event_id'], status: 'suppressed', reason: basis });
    expect(live.fake.requests).toHaveLength(0);
    const record = await live.store.get(body['event_id'] as string);
    expect(record).toMatchObject({ state: 'suppressed', reason: basis, consent: { verdict: 'suppressed', basis }, attempts: [] });
    expect(record?.payload).toBeUndefined();
    expect(await live.store.getRaw(body['event_id'] as string)).toBeNull();
    expect(live.store.countEntries().dedupKeys).toBe(0);
  });

  it('allows unknown consent outside opt-in regions', async () => {
    const body = eventBody({ consent: { ads: 'unknown', gpc: false } });
    expect((await post(body)).json['status']).toBe('sent');
  });

  it.each([
    ['a bot user agent', eventBody(), { 'user-agent': 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' }, 'bot_user_agent'],
    ['a missing user agent', eventBody(), { 'user-agent': undefined }, 'missing_user_agent'],
    ['too little customer information', eventBody({ user: { city: CANARY.city, country: 'US' } }), { 'x-forwarded-for': undefined, cookie: undefined }, 'below_validity_floor'],
  ])('filters %s: 200, nothing sent, no raw kept', async (_name, body, headers, reason) => {
    const res = await post(body, headers);
    expect(res.json).toEqual({ event_id: body['event_id'], status: 'filtered', reason });
    expect(live.fake.requests).toHaveLength(0);
    expect(await live.store.getRaw(body['event_id'] as string)).toBeNull();
  });

  // A visitor's clock days off must not lose the lead: outside a page's life (event-time.ts) the
  // browser's time is replaced by the receive time, and the audit record says so.
  it.each([
    ['3 days behind', -3 * 86_400_000, 'browser_time_behind'],
    ['2 days ahead', 2 * 86_400_000, 'browser_time_ahead'],
    ['8 days behind (past Meta’s 7 days)', -8 * 86_400_000, 'browser_time_behind'],
    ['reset to 1970', null, 'browser_time_behind'],
  ] as const)('sends an event whose browser clock is %s with the receive time, recording the fallback', async (_name, offsetMs, fallback) => {
    const body = eventBody({ event_time: offsetMs === null ? 86_400_000 : live.clock.now + offsetMs });
    expect(await post(body)).toEqual({ status: 200, json: { event_id: body['event_id'], status: 'sent' } });
    const receivedSec = Math.floor(live.clock.now / 1000);
    expect(live.fake.requests).toHaveLength(1);
    expect((live.fake.requests[0]?.body as { data: { event_time: number }[] }).data[0]?.event_time).toBe(receivedSec);
    const record = await live.store.get(body['event_id'] as string);
    expect(record).toMatchObject({ state: 'sent', event_time: receivedSec, event_time_fallback: fallback, payload: { event_time: receivedSec } });
    expect(JSON.stringify(record)).not.toContain(String(body['event_time']));
  });

  it('keeps the browser time within a page’s life, without a fallback', async () => {
    const browserMs = live.clock.now - 2 * 3_600_000;
    const body = eventBody({ event_time: browserMs });
    expect((await post(body)).json['status']).toBe('sent');
    expect((live.fake.requests[0]?.body as { data: { event_time: number }[] }).data[0]?.event_time).toBe(Math.floor(browserMs / 1000));
    const record = await live.store.get(body['event_id'] as string);
    expect(record?.event_time).toBe(Math.floor(browserMs / 1000));
    expect(record).not.toHaveProperty('event_time_fallback');
  });

  it('prefers valid cookies over body ids, falls back to the body for malformed cookies, never alters the fbclid', async () => {
    const bodyFbc = 'fb.1.1795000000999.BodyClick_ID';
    await post(eventBody({ fbc: bodyFbc, fbp: 'fb.1.1795000000999.77' }));
    expect((live.fake.requests[0]?.body as { data: { user_data: { fbc: string } }[] }).data[0]?.user_data.fbc).toBe('fb.1.1795000000123.IwAR-MiXeD_case');

    await post(eventBody({ fbc: bodyFbc, fbp: 'garbage', source: { form: 'second' } }), { cookie: '_fbc=fb.1.179500000.tooShort; _fbp=fb.1.1795000000456.1234567890' });
    const second = (live.fake.requests[1]?.body as { data: { user_data: Record<string, unknown> }[] }).data[0]?.user_data;
    expect(second?.['fbc']).toBe(bodyFbc);
    expect(second?.['fbp']).toBe('fb.1.1795000000456.1234567890');

    await post(eventBody({ fbc: 'a'.repeat(64), source: { form: 'third' } }), { cookie: undefined });
    expect((live.fake.requests[2]?.body as { data: { user_data: Record<string, unknown> }[] }).data[0]?.user_data['fbc']).toBeUndefined();
  });

  it('adds LDU for covered US states and test_event_code at the top level', async () => {
    await live.rebuildRuntime({ LDU_STATES: 'CA', META_TEST_EVENT_CODE: 'TEST123' });
    await post(eventBody(), { 'x-vercel-ip-country-region': 'CA' });
    const sent = live.fake.requests[0]?.body as Record<string, unknown> & { data: Record<string, unknown>[] };
    expect(sent['test_event_code']).toBe('TEST123');
    expect(sent.data[0]).toMatchObject({ data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 0 });
  });

  it('never puts the token in a URL or the stored record', async () => {
    live.fake.fail(1, 503);
    const body = eventBody();
    await post(body);
    for (const r of live.fake.requests) expect(r.url).not.toContain(CANARY.accessToken);
    expect(JSON.stringify(await live.store.get(body['event_id'] as string))).not.toContain(CANARY.accessToken);
  });
});
