import { frameTool } from '../frame-tool.js';

/**
 * Jotform (docs/form-tools.md §15, third-party evidence): the default thank-you page
 * posts `{action: 'submission-completed', formID}`; no submission id reaches the page.
 * So our event id rides in the hidden field `capi_ref` — the site adds the field and
 * opts in by ending the embed URL in `?capi_ref=` (§22.1) — and doubles as the
 * conversion's submission id: the only key the server can find the submission by.
 * Hosts: form/submit.jotform.com and the eu./hipaa. variants.
 */
export const jotform = frameTool('jotform', /^https:\/\/([\w-]+\.)+jotform\.com\//, (d) => d?.action == 'submission-completed' && [undefined, d.formID], {
  carry: { key: 'capi_ref', optIn: true, asSubmission: true },
});
