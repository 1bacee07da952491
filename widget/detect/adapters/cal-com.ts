import { frameTool } from '../frame-tool.js';

/**
 * Cal.com (docs/form-tools.md §19): `{originator: 'CAL', type: 'bookingSuccessfulV2', data: {uid, eventTypeId}}`.
 * The deprecated `bookingSuccessful` may come for the same booking: both count
 * only with a booking uid, which keys them as one. Dry runs and reschedules have
 * other type names. Pending (needs confirmation) and unpaid bookings still count:
 * the visitor asked for a meeting. Hosts: cal.com, app.cal.com, <org>.cal.com.
 */
export const calCom = frameTool(
  'cal-com',
  /^https:\/\/([\w-]+\.)?cal\.com\//,
  (d) => {
    const b = d?.originator == 'CAL' && /^bookingSuccessful(V2)?$/.test(d.type) && d.data;
    const uid = b && (b.uid ?? b.booking?.uid);
    return uid && [uid, b.eventTypeId];
  },
  // Opt-in (§22.1): embed.js sends its `ui` settings to the frame once, after its first load, so a
  // reload would lose them; a site that sets an empty `metadata[event_id]` in the embed config asks for it.
  { carry: { key: 'metadata[event_id]', optIn: true } },
);
