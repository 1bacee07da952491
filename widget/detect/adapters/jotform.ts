import { frameTool } from '../frame-tool.js';

/**
 * Jotform (docs/form-tools.md §15, third-party evidence): the default thank-you page
 * posts `{action: 'submission-completed', formID}`; no submission id reaches the page.
 * Hosts: form/submit.jotform.com and the eu./hipaa. variants.
 */
export const jotform = frameTool('jotform', /^https:\/\/([\w-]+\.)+jotform\.com\//, (d) =>
  d?.action == 'submission-completed' && [undefined, d.formID],
);
