import { timeOf, userFromAnswers, type Answer } from '../details.js';
import { bearer, list, obj, segment, str, type ToolApi } from './tool-api.js';

/** One submission by id; capi-relay's event_id comes back among its URL parameters. */
export const filloutApi: ToolApi = {
  defaultBase: 'https://api.fillout.com',
  request(ref, base, token) {
    if (!ref.form || !ref.submissionId) return null;
    return { url: `${base}/v1/api/forms/${segment(ref.form)}/submissions/${segment(ref.submissionId)}`, headers: bearer(token) };
  },
  parse(body, ref) {
    const submission = obj(obj(body)?.submission);
    if (!submission || str(submission.submissionId) !== ref.submissionId) return null;
    const answers: Answer[] = list(submission.questions).flatMap((raw) => {
      const q = obj(raw);
      return q ? [{ type: str(q.type), label: str(q.name), value: q.value }] : [];
    });
    const eventId = list(submission.urlParameters).map(obj).find((p) => str(p?.name) === 'event_id')?.value;
    return { submissionId: ref.submissionId!, eventId: str(eventId), submittedAt: timeOf(submission.submissionTime), user: userFromAnswers(answers) };
  },
};
