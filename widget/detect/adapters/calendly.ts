import { frameTool } from '../frame-tool.js';

/**
 * Calendly (docs/form-tools.md §18): `calendly.event_scheduled` is the booking; the
 * earlier `calendly.*` events are funnel steps. The invitee URI identifies the
 * booking for the server-side join.
 */
export const calendly = frameTool('calendly', /^https:\/\/calendly\.com\//, (d) => d?.event == 'calendly.event_scheduled' && [d.payload?.invitee?.uri], {
  // comes back in the invitee's `tracking` (§22.1); a utm_content the page or site already set is theirs and stays
  carry: { key: 'utm_content' },
});
