import { frameTool } from '../frame-tool.js';

/** Fillout (docs/form-tools.md §16): `{type: 'form_submit', submissionUuid}` from embed.fillout.com. */
export const fillout = frameTool('fillout', /^https:\/\/embed\.fillout\.com\//, (d) =>
  d?.type == 'form_submit' && d.submissionUuid && [d.submissionUuid, d.formId],
);
