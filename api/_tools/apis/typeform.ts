import { timeOf, userFromAnswers, type Answer, type ToolDetails } from '../details.js';
import { bearer, list, obj, segment, str, type ToolApi } from './tool-api.js';

/** The answer's value sits under a key named after its type (`email`, `phone_number`, `text`, …). */
function answerOf(raw: unknown): Answer | undefined {
  const a = obj(raw);
  const type = str(a?.type);
  if (!a || !type) return undefined;
  const field = obj(a.field);
  return { type, label: str(field?.ref), value: a[type] };
}

/** One response as the Responses API lists it and the `form_response` webhook sends it. */
export function readTypeformResponse(item: Record<string, unknown>, submissionId: string): ToolDetails {
  const answers = list(item.answers).map(answerOf).filter((a): a is Answer => !!a);
  return { submissionId, eventId: str(obj(item.hidden)?.event_id), submittedAt: timeOf(item.submitted_at), user: userFromAnswers(answers) };
}

/** Responses API, one response by id; a response not indexed yet is an empty page. */
export const typeformApi: ToolApi = {
  defaultBase: 'https://api.typeform.com',
  request(ref, base, token) {
    if (!ref.form || !ref.submissionId) return null;
    return { url: `${base}/forms/${segment(ref.form)}/responses?included_response_ids=${segment(ref.submissionId)}`, headers: bearer(token) };
  },
  parse(body, ref) {
    const item = list(obj(body)?.items)
      .map(obj)
      .find((i) => i && (str(i.response_id) ?? str(i.token)) === ref.submissionId);
    return item ? readTypeformResponse(item, ref.submissionId!) : null;
  },
};
