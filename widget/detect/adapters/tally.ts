import { frameTool } from '../frame-tool.js';

/**
 * Tally (docs/form-tools.md §14): a JSON *string* `{"event":"Tally.FormSubmitted","payload":{id, formId, …}}`.
 * The payload's field names are partly unconfirmed: without an `id` the conversion
 * still counts, keyed per message.
 */
export const tally = frameTool(
  'tally',
  /^https:\/\/tally\.so\//,
  (d) => {
    // other strings from the frame may not be JSON: messages.ts catches the throw
    const m = typeof d == 'string' && JSON.parse(d);
    const p = m?.event == 'Tally.FormSubmitted' && (m.payload ?? {});
    return p && [p.id, p.formId];
  },
  // a URL parameter of the embed fills the form's hidden field `event_id` (§14, §22.1)
  { carry: { key: 'event_id' } },
);
