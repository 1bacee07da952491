import { readCalComBooking } from './apis/cal-com.js';
import { readCalendlyInvitee } from './apis/calendly.js';
import { list, obj, str } from './apis/tool-api.js';
import { readTypeformResponse } from './apis/typeform.js';
import { timeOf, userFromAnswers, type Answer, type ToolDetails } from './details.js';
import type { JoinTool } from './webhook-signature.js';

/** What a verified webhook call says (docs/form-tools.md §22.2). */
export type WebhookRead =
  | { kind: 'details'; form?: string; details: ToolDetails }
  /** a genuine call about something that is not a new submission (a cancellation, another trigger): answered 200, nothing joined */
  | { kind: 'ignored'; reason: string }
  /** signed, but not the shape the tool documents: answered 400 naming the problem */
  | { kind: 'invalid'; problem: string };

const invalid = (problem: string): WebhookRead => ({ kind: 'invalid', problem });

function typeform(body: Record<string, unknown>): WebhookRead {
  if (body.event_type !== 'form_response') return { kind: 'ignored', reason: `event_type ${String(body.event_type)}` };
  const response = obj(body.form_response);
  // `token` is the response id (the top-level `event_id` is Typeform's delivery id, not capi-relay's)
  const id = str(response?.token) ?? str(response?.response_id);
  if (!response || !id) return invalid('form_response.token is missing');
  return { kind: 'details', form: str(response.form_id), details: readTypeformResponse(response, id) };
}

function tally(body: Record<string, unknown>): WebhookRead {
  if (body.eventType !== 'FORM_RESPONSE') return { kind: 'ignored', reason: `eventType ${String(body.eventType)}` };
  const data = obj(body.data);
  const id = str(data?.submissionId) ?? str(data?.responseId);
  if (!data || !id) return invalid('data.submissionId is missing');
  const answers: Answer[] = list(data.fields).flatMap((raw) => {
    const f = obj(raw);
    return f ? [{ type: str(f.type), label: str(f.label), value: f.value }] : [];
  });
  const eventId = str(answers.find((a) => a.label === 'event_id')?.value);
  const user = userFromAnswers(answers.filter((a) => a.label !== 'event_id'));
  return { kind: 'details', form: str(data.formId), details: { submissionId: id, eventId, submittedAt: timeOf(data.createdAt), user } };
}

function calendly(body: Record<string, unknown>): WebhookRead {
  if (body.event !== 'invitee.created') return { kind: 'ignored', reason: `event ${String(body.event)}` };
  const details = readCalendlyInvitee(obj(body.payload) ?? {});
  return details ? { kind: 'details', details } : invalid('payload.uri is missing');
}

function calCom(body: Record<string, unknown>): WebhookRead {
  if (body.triggerEvent !== 'BOOKING_CREATED') return { kind: 'ignored', reason: `triggerEvent ${String(body.triggerEvent)}` };
  const details = readCalComBooking(obj(body.payload) ?? {});
  return details ? { kind: 'details', details } : invalid('payload.uid is missing');
}

const READERS: Partial<Record<JoinTool, (body: Record<string, unknown>) => WebhookRead>> = { typeform, tally, calendly, 'cal-com': calCom };

/** Read a verified webhook body. Only tools that sign their webhooks have a reader. */
export function readWebhook(tool: JoinTool, rawBody: string): WebhookRead {
  const reader = READERS[tool];
  if (!reader) return invalid(`${tool} webhooks are not accepted`);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return invalid('body is not JSON');
  }
  const root = obj(body);
  return root ? reader(root) : invalid('body is not a JSON object');
}
