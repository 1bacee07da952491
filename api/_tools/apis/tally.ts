import { timeOf, userFromAnswers, type Answer } from '../details.js';
import { bearer, list, obj, segment, str, type ToolApi } from './tool-api.js';

/**
 * One submission with the form's questions; an answer names its question by
 * id, so the question's type and title label it. The exact shape is only
 * partly confirmed (docs/form-tools.md §22.3): anything unexpected reads as
 * "no details", never as someone's data in the wrong field.
 */
export const tallyApi: ToolApi = {
  defaultBase: 'https://api.tally.so',
  request(ref, base, token) {
    if (!ref.form || !ref.submissionId) return null;
    return { url: `${base}/forms/${segment(ref.form)}/submissions/${segment(ref.submissionId)}`, headers: bearer(token) };
  },
  parse(body, ref) {
    const root = obj(body);
    const submission = obj(root?.submission);
    if (!submission || str(submission.id) !== ref.submissionId) return null;
    const questions = new Map(list(root?.questions).map(obj).filter((q) => q && str(q.id)).map((q) => [str(q!.id)!, q!]));
    const answers: Answer[] = list(submission.responses).flatMap((raw) => {
      const r = obj(raw);
      const q = questions.get(str(r?.questionId) ?? '');
      return r && q ? [{ type: str(q.type), label: str(q.title), value: r.answer ?? r.value }] : [];
    });
    const eventId = answers.find((a) => a.label === 'event_id')?.value;
    return {
      submissionId: ref.submissionId!,
      eventId: str(eventId),
      submittedAt: timeOf(submission.submittedAt),
      user: userFromAnswers(answers.filter((a) => a.label !== 'event_id')),
    };
  },
};
