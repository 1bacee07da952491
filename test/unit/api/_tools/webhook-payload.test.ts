import { describe, expect, it } from 'vitest';
import { readWebhook } from '../../../../api/_tools/webhook-payload.js';

const OURS = '0b9f6a2e-4c1d-4e8a-9d3b-7f2e1a5c6b40';
const json = (v: unknown) => JSON.stringify(v);

describe('readWebhook', () => {
  it('Typeform form_response: the response token is the id; the top-level event_id is Typeform\'s, not ours', () => {
    const read = readWebhook('typeform', json({
      event_id: 'LtWXD3crgy',
      event_type: 'form_response',
      form_response: {
        form_id: 'lT4Z3j',
        token: 'a3a12ec67a1365927098a606107fac15',
        submitted_at: '2026-12-06T02:00:00Z',
        hidden: { event_id: OURS },
        answers: [{ type: 'email', email: 'ada@example.com', field: { id: 'x', ref: 'email', type: 'email' } }],
      },
    }));
    expect(read).toEqual({
      kind: 'details',
      form: 'lT4Z3j',
      details: { submissionId: 'a3a12ec67a1365927098a606107fac15', eventId: OURS, submittedAt: Date.parse('2026-12-06T02:00:00Z'), user: { email: 'ada@example.com' } },
    });
  });

  it('Tally FORM_RESPONSE: fields by type and label, the hidden event_id not taken as a name', () => {
    const read = readWebhook('tally', json({
      eventId: 'd-1',
      eventType: 'FORM_RESPONSE',
      createdAt: '2026-12-06T02:00:01Z',
      data: {
        submissionId: 'sub-1',
        formId: 'wMq0Ab',
        createdAt: '2026-12-06T02:00:00Z',
        fields: [
          { key: 'question_1', label: 'Email', type: 'INPUT_EMAIL', value: 'grace@example.com' },
          { key: 'question_2', label: 'First name', type: 'INPUT_TEXT', value: 'Grace' },
          { key: 'question_3', label: 'event_id', type: 'HIDDEN_FIELDS', value: OURS },
        ],
      },
    }));
    expect(read).toEqual({
      kind: 'details',
      form: 'wMq0Ab',
      details: { submissionId: 'sub-1', eventId: OURS, submittedAt: Date.parse('2026-12-06T02:00:00Z'), user: { email: 'grace@example.com', first_name: 'Grace' } },
    });
  });

  it('Calendly invitee.created: the invitee URI is the id, utm_content carries ours', () => {
    const uri = 'https://api.calendly.com/scheduled_events/E1/invitees/I1';
    const read = readWebhook('calendly', json({
      event: 'invitee.created',
      created_at: '2026-12-06T02:00:02.000000Z',
      payload: { uri, email: 'm@example.com', name: 'Margaret Hamilton', first_name: null, last_name: null, tracking: { utm_content: OURS }, created_at: '2026-12-06T02:00:02.000000Z' },
    }));
    expect(read).toEqual({ kind: 'details', details: { submissionId: uri, eventId: OURS, submittedAt: Date.parse('2026-12-06T02:00:02Z'), user: { email: 'm@example.com', full_name: 'Margaret Hamilton' } } });
  });

  it('Cal.com BOOKING_CREATED: the booking uid is the id, metadata.event_id is ours', () => {
    const read = readWebhook('cal-com', json({
      triggerEvent: 'BOOKING_CREATED',
      createdAt: '2026-12-06T02:00:03.000Z',
      payload: { uid: 'bk1', attendees: [{ name: 'Radia Perlman', email: 'r@example.com' }], metadata: { event_id: OURS } },
    }));
    expect(read).toMatchObject({ kind: 'details', details: { submissionId: 'bk1', eventId: OURS, user: { email: 'r@example.com', full_name: 'Radia Perlman' } } });
  });

  it.each([
    ['calendly', { event: 'invitee.canceled', payload: { uri: 'x' } }],
    ['cal-com', { triggerEvent: 'BOOKING_CANCELLED', payload: { uid: 'bk1' } }],
    ['typeform', { event_type: 'form_partial_response' }],
    ['tally', { eventType: 'FORM_DELETED' }],
  ] as const)('%s: a genuine call that is not a new submission is ignored, not joined', (tool, body) => {
    expect(readWebhook(tool, json(body)).kind).toBe('ignored');
  });

  it.each([
    ['typeform', 'not json', 'body is not JSON'],
    ['typeform', '[]', 'body is not a JSON object'],
    ['typeform', json({ event_type: 'form_response', form_response: {} }), 'form_response.token is missing'],
    ['tally', json({ eventType: 'FORM_RESPONSE', data: { fields: [] } }), 'data.submissionId is missing'],
    ['calendly', json({ event: 'invitee.created', payload: {} }), 'payload.uri is missing'],
    ['cal-com', json({ triggerEvent: 'BOOKING_CREATED', payload: {} }), 'payload.uid is missing'],
    ['jotform', json({}), 'jotform webhooks are not accepted'],
  ] as const)('%s: %s → invalid (%s)', (tool, body, problem) => {
    expect(readWebhook(tool, body)).toEqual({ kind: 'invalid', problem });
  });
});
