import { frameTool } from '../frame-tool.js';

/**
 * Typeform (docs/form-tools.md §13): `{type: 'form-submit', formId, responseId}`;
 * the legacy embed spelled it `response_id`. Sandbox responses are not leads.
 * Hosts: form.typeform.com, form.typeform.eu, <account>.typeform.com.
 * Our event id rides as the hidden field `event_id`, which the embed keeps in the
 * frame URL's hash (§22.1); the form needs a hidden field of that name.
 */
export const typeform = frameTool(
  'typeform',
  /^https:\/\/(form\.typeform\.eu|[\w-]+\.typeform\.com)\//,
  (d) => {
    const id = d?.type == 'form-submit' && (d.responseId ?? d.response_id);
    return id && id != '__sandbox' && [id, d.formId];
  },
  { carry: { key: 'event_id', hash: true } },
);
