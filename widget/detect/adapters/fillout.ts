import { frameTool } from '../frame-tool.js';

/**
 * Fillout (docs/form-tools.md §16): `{type: 'form_submit', submissionUuid}` from embed.fillout.com.
 * Our event id rides as the URL parameter `event_id` (comes back in `urlParameters`, §22.1).
 */
export const fillout = frameTool('fillout', /^https:\/\/embed\.fillout\.com\//, (d) => d?.type == 'form_submit' && d.submissionUuid && [d.submissionUuid, d.formId], {
  carry: { key: 'event_id' },
});
