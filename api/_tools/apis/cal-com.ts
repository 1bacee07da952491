import { pickText, timeOf, type ToolDetails } from '../details.js';
import { bearer, list, obj, segment, str, type ToolApi } from './tool-api.js';

/** Cal.com answers 404 on its v2 endpoints without this header (docs/form-tools.md §19). */
const API_VERSION = '2024-08-13';

/** A booking as API v2 returns it and the booking webhook sends it: the visitor is its first attendee. */
export function readCalComBooking(booking: Record<string, unknown>): ToolDetails | null {
  const uid = str(booking.uid);
  if (!uid) return null;
  const attendee = obj(list(booking.attendees)[0]);
  const user = pickText({ email: attendee?.email, phone: attendee?.phoneNumber, full_name: attendee?.name });
  return { submissionId: uid, eventId: str(obj(booking.metadata)?.event_id), submittedAt: timeOf(booking.createdAt), user };
}

/** One booking by uid; the visitor is its first attendee, capi-relay's id is in `metadata.event_id`. */
export const calComApi: ToolApi = {
  defaultBase: 'https://api.cal.com',
  request(ref, base, token) {
    if (!ref.submissionId) return null;
    return { url: `${base}/v2/bookings/${segment(ref.submissionId)}`, headers: { ...bearer(token), 'cal-api-version': API_VERSION } };
  },
  parse(body, ref) {
    const booking = obj(obj(body)?.data);
    return booking && str(booking.uid) === ref.submissionId ? readCalComBooking(booking) : null;
  },
};
