import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolRef } from '../../api/_tools/details.js';
import { fetchToolDetails } from '../../api/_tools/fetch-details.js';
import type { JoinTool } from '../../api/_tools/webhook-signature.js';
import { startFakeToolApis, type FakeToolApis } from '../fakes/tool-apis.js';

let fake: FakeToolApis;
beforeAll(async () => {
  fake = await startFakeToolApis();
});
afterAll(() => fake.close());

const EVENT_ID = '0b9f6a2e-4c1d-4e8a-9d3b-7f2e1a5c6b40';
/** the reference the widget carried into the Jotform embed (the browser half's submission id) */
const JOTFORM_REF = '5d1c9e0a-7b2f-4e3d-8a6c-1f0e9d8c7b6a';
const access = (tool: JoinTool) => ({ token: fake.token, base: fake.base(tool) });

/** One record per tool, in the shape the tool's API answers (docs/form-tools.md §22.3). */
const cases: { tool: JoinTool; ref: () => ToolRef; key: () => string; record: () => unknown; submittedAt?: number; expectedUser: Record<string, string> }[] = [
  {
    tool: 'typeform',
    ref: () => ({ tool: 'typeform', form: 'tfForm1', submissionId: 'resp-1', eventId: EVENT_ID }),
    key: () => 'resp-1',
    record: () => ({
      response_id: 'resp-1',
      token: 'resp-1',
      submitted_at: '2026-12-06T02:00:00Z',
      hidden: { event_id: EVENT_ID },
      answers: [
        { type: 'text', text: 'Ada', field: { id: 'f1', ref: 'first_name', type: 'short_text' } },
        { type: 'text', text: 'Lovelace', field: { id: 'f2', ref: 'last_name', type: 'short_text' } },
        { type: 'email', email: 'ada@example.com', field: { id: 'f3', ref: 'contact', type: 'email' } },
        { type: 'phone_number', phone_number: '+442071838750', field: { id: 'f4', ref: 'tel', type: 'phone_number' } },
        { type: 'text', text: 'I would like a quote', field: { id: 'f5', ref: 'message', type: 'long_text' } },
      ],
    }),
    submittedAt: Date.parse('2026-12-06T02:00:00Z'),
    expectedUser: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone: '+442071838750' },
  },
  {
    tool: 'tally',
    ref: () => ({ tool: 'tally', form: 'wMq0Ab', submissionId: 'sub-9', eventId: EVENT_ID }),
    key: () => 'sub-9',
    record: () => ({
      questions: [
        { id: 'q1', type: 'INPUT_EMAIL', title: 'Your e-mail' },
        { id: 'q2', type: 'INPUT_TEXT', title: 'Full name' },
        { id: 'q3', type: 'HIDDEN_FIELDS', title: 'event_id' },
      ],
      submission: {
        id: 'sub-9',
        submittedAt: '2026-12-06T02:00:05Z',
        responses: [
          { questionId: 'q1', answer: 'grace@example.com' },
          { questionId: 'q2', answer: 'Grace Hopper' },
          { questionId: 'q3', answer: EVENT_ID },
        ],
      },
    }),
    submittedAt: Date.parse('2026-12-06T02:00:05Z'),
    expectedUser: { email: 'grace@example.com', full_name: 'Grace Hopper' },
  },
  {
    tool: 'jotform',
    ref: () => ({ tool: 'jotform', form: '24011', submissionId: JOTFORM_REF, eventId: EVENT_ID }),
    key: () => 'sub-jf-1',
    record: () => ({
      id: '5800000000001',
      form_id: '24011',
      created_at: '2026-12-06 02:00:09',
      answers: {
        '3': { name: 'email', text: 'E-mail', type: 'control_email', answer: 'alan@example.com' },
        '4': { name: 'phoneNumber', text: 'Phone Number', type: 'control_phone', answer: '+44 20 7183 8750' },
        '7': { name: 'capi_ref', text: 'capi_ref', type: 'control_textbox', answer: JOTFORM_REF },
      },
    }),
    expectedUser: { email: 'alan@example.com', phone: '+44 20 7183 8750' },
  },
  {
    tool: 'fillout',
    ref: () => ({ tool: 'fillout', form: 'fo-form', submissionId: 'uuid-fo-1', eventId: EVENT_ID }),
    key: () => 'uuid-fo-1',
    record: () => ({
      submissionId: 'uuid-fo-1',
      submissionTime: '2026-12-06T02:00:07.000Z',
      questions: [
        { id: 'a', name: 'First name', type: 'ShortAnswer', value: 'Katherine' },
        { id: 'b', name: 'Last name', type: 'ShortAnswer', value: 'Johnson' },
        { id: 'c', name: 'Email', type: 'EmailInput', value: 'kj@example.com' },
      ],
      urlParameters: [{ id: 'event_id', name: 'event_id', value: EVENT_ID }],
    }),
    submittedAt: Date.parse('2026-12-06T02:00:07.000Z'),
    expectedUser: { first_name: 'Katherine', last_name: 'Johnson', email: 'kj@example.com' },
  },
  {
    tool: 'calendly',
    ref: () => ({ tool: 'calendly', submissionId: `${fake.base('calendly')}/scheduled_events/EV1/invitees/INV1`, eventId: EVENT_ID }),
    key: () => `${fake.base('calendly')}/scheduled_events/EV1/invitees/INV1`,
    record: () => ({
      uri: `${fake.base('calendly')}/scheduled_events/EV1/invitees/INV1`,
      email: 'margaret@example.com',
      name: 'Margaret Hamilton',
      first_name: 'Margaret',
      last_name: 'Hamilton',
      text_reminder_number: '+1 415 555 2671',
      created_at: '2026-12-06T02:00:03.000000Z',
      tracking: { utm_content: EVENT_ID },
    }),
    submittedAt: Date.parse('2026-12-06T02:00:03.000000Z'),
    expectedUser: { email: 'margaret@example.com', phone: '+1 415 555 2671', first_name: 'Margaret', last_name: 'Hamilton' },
  },
  {
    tool: 'cal-com',
    ref: () => ({ tool: 'cal-com', submissionId: 'bk-uid-1', eventId: EVENT_ID }),
    key: () => 'bk-uid-1',
    record: () => ({
      uid: 'bk-uid-1',
      createdAt: '2026-12-06T02:00:04.000Z',
      attendees: [{ name: 'Radia Perlman', email: 'radia@example.com', phoneNumber: '+14155552671', timeZone: 'Europe/London' }],
      metadata: { event_id: EVENT_ID },
    }),
    submittedAt: Date.parse('2026-12-06T02:00:04.000Z'),
    expectedUser: { email: 'radia@example.com', phone: '+14155552671', full_name: 'Radia Perlman' },
  },
];

describe('fetchToolDetails against each tool API (fake, strict)', () => {
  for (const c of cases) {
    it(`${c.tool}: "not there yet" twice, then the visitor's details with our event_id`, async () => {
      fake.put(c.tool, c.key(), c.record(), 2);
      expect(await fetchToolDetails(c.ref(), access(c.tool))).toEqual({ kind: 'not_ready' });
      expect(await fetchToolDetails(c.ref(), access(c.tool))).toEqual({ kind: 'not_ready' });
      const found = await fetchToolDetails(c.ref(), access(c.tool));
      expect(found.kind).toBe('found');
      if (found.kind !== 'found') return;
      expect(found.details.user).toEqual(c.expectedUser);
      if (c.tool !== 'jotform') expect(found.details.eventId).toBe(EVENT_ID);
      expect(found.details.submittedAt).toBe(c.submittedAt);
    });

    it(`${c.tool}: a token the tool refuses is "refused", not "not yet"`, async () => {
      expect(await fetchToolDetails(c.ref(), { token: 'wrong', base: fake.base(c.tool) })).toEqual({ kind: 'refused', status: 401 });
    });
  }

  it('sends no request at all without a token for the tool', async () => {
    const before = fake.requests.length;
    expect(await fetchToolDetails(cases[0]!.ref(), undefined)).toEqual({ kind: 'unavailable' });
    expect(fake.requests.length).toBe(before);
  });

  it('never puts a token in a URL (Jotform takes it in the APIKEY header)', () => {
    expect(fake.requests.length).toBeGreaterThan(10);
    expect(fake.requests.filter((r) => r.url.includes(fake.token))).toEqual([]);
    expect(fake.requests.filter((r) => r.tool === 'jotform').every((r) => r.apikey !== undefined && r.authorization === undefined)).toBe(true);
  });

  it('asks Cal.com with the API version header its v2 endpoints require', () => {
    const cal = fake.requests.filter((r) => r.tool === 'cal-com');
    expect(cal.length).toBeGreaterThan(0);
    expect(cal.every((r) => r.apiVersion === '2024-08-13')).toBe(true);
  });

  it('finds a Jotform record only by the carried reference, never by whichever submission is newest', async () => {
    fake.put('jotform', 'other', { id: '5800000000002', answers: { '3': { name: 'email', type: 'control_email', answer: 'someone@example.com' }, '7': { name: 'capi_ref', answer: 'another-ref' } } });
    const found = await fetchToolDetails({ tool: 'jotform', form: '24011', submissionId: 'not-submitted-yet', eventId: EVENT_ID }, access('jotform'));
    expect(found).toEqual({ kind: 'not_ready' });
    const before = fake.requests.length;
    expect(await fetchToolDetails({ tool: 'jotform', form: '24011', eventId: EVENT_ID }, access('jotform'))).toEqual({ kind: 'unavailable' });
    expect(fake.requests.length).toBe(before);
  });

  it.each([
    ['another host', 'https://evil.example/scheduled_events/EV1/invitees/INV1'],
    ['another path on the API host', '/users/me'],
    ['a query string', '/scheduled_events/EV1/invitees/INV1?x=1'],
    ['not a URL', 'INV1'],
  ])('refuses a Calendly invitee URI pointing at %s (the URI comes from the browser)', async (_label, uri) => {
    const before = fake.requests.length;
    const submissionId = uri.startsWith('/') ? `${fake.base('calendly')}${uri}` : uri;
    expect(await fetchToolDetails({ tool: 'calendly', submissionId, eventId: EVENT_ID }, access('calendly'))).toEqual({ kind: 'unavailable' });
    expect(fake.requests.length).toBe(before);
  });

  it('treats an unreachable API as transient', async () => {
    expect(await fetchToolDetails(cases[0]!.ref(), { token: fake.token, base: 'http://127.0.0.1:9' })).toEqual({ kind: 'transient', status: null });
  });
});
