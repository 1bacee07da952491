import { userFromAnswers, type Answer } from '../details.js';
import { list, obj, segment, str, type ToolApi } from './tool-api.js';

/** Submissions newer than this before the browser half are not looked at. */
const LOOKBACK = 100;

/**
 * Jotform gives the page no submission id (docs/form-tools.md §15), so the
 * record is found by capi-relay's event_id in a hidden field named
 * `event_id` among the form's latest submissions. The key travels in the
 * APIKEY header, never in the URL.
 */
export const jotformApi: ToolApi = {
  defaultBase: 'https://api.jotform.com',
  request(ref, base, token) {
    if (!ref.form) return null;
    return { url: `${base}/form/${segment(ref.form)}/submissions?limit=${LOOKBACK}&orderby=created_at`, headers: { apikey: token, accept: 'application/json' } };
  },
  parse(body, ref) {
    for (const raw of list(obj(body)?.content)) {
      const submission = obj(raw);
      const answers: Answer[] = Object.values(obj(submission?.answers) ?? {}).flatMap((a) => {
        const answer = obj(a);
        return answer ? [{ type: str(answer.type), label: str(answer.name) ?? str(answer.text), value: answer.answer }] : [];
      });
      const eventId = answers.find((a) => a.label === 'event_id')?.value;
      if (eventId !== ref.eventId || !str(submission?.id)) continue;
      return { submissionId: str(submission!.id)!, eventId: ref.eventId, user: userFromAnswers(answers.filter((a) => a.label !== 'event_id')) };
    }
    return null;
  },
};
