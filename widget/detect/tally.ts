import { frameTool } from './frame-tool.js';

/**
 * Tally (form-tools.md §14): a JSON *string* `{"event":"Tally.FormSubmitted","payload":{id, formId, …}}`.
 * The payload's field names are partly unconfirmed, hence the fallbacks.
 */
export const tally = frameTool('tally', /^https:\/\/tally\.so\//, (d) => {
  const m = typeof d == 'string' && d.includes('Tally.FormSubmitted') && JSON.parse(d);
  const p = m?.event == 'Tally.FormSubmitted' && (m.payload ?? {});
  return p && [p.id ?? p.submissionId ?? p.respondentId, p.formId];
});
