import { userFromAnswers, type Answer } from '../details.js';
import { list, obj, segment, str, type ToolApi } from './tool-api.js';

/** Submissions newer than this before the browser half are not looked at. */
const LOOKBACK = 100;

/** The hidden field the widget fills in an opted-in embed (widget/detect/adapters/jotform.ts). */
const REF_FIELD = 'capi_ref';

/**
 * Jotform gives the page no submission id (docs/form-tools.md §15), so the
 * record is found by the event id the widget carried into the embed — also
 * the browser half's submission id — in the hidden field `capi_ref` among the
 * form's latest submissions. The key travels in the APIKEY header, never in
 * the URL.
 */
export const jotformApi: ToolApi = {
  defaultBase: 'https://api.jotform.com',
  request(ref, base, token) {
    if (!ref.form || !ref.submissionId) return null;
    return { url: `${base}/form/${segment(ref.form)}/submissions?limit=${LOOKBACK}&orderby=created_at`, headers: { apikey: token, accept: 'application/json' } };
  },
  parse(body, ref) {
    for (const raw of list(obj(body)?.content)) {
      const submission = obj(raw);
      const answers: Answer[] = Object.values(obj(submission?.answers) ?? {}).flatMap((a) => {
        const answer = obj(a);
        return answer ? [{ type: str(answer.type), label: str(answer.name) ?? str(answer.text), value: answer.answer }] : [];
      });
      const carried = answers.find((a) => a.label === REF_FIELD)?.value;
      if (!ref.submissionId || carried !== ref.submissionId || !str(submission?.id)) continue;
      return { submissionId: ref.submissionId, user: userFromAnswers(answers.filter((a) => a.label !== REF_FIELD)) };
    }
    return null;
  },
};
