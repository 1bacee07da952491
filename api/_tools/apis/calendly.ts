import { pickText, timeOf, type ToolDetails } from '../details.js';
import { bearer, obj, str, type ToolApi } from './tool-api.js';

/**
 * The invitee URI the booking page posted. It comes from the browser, so it
 * is fetched only when it is an invitee path on the configured API host:
 * anything else would let a visitor point the relay (and its token) at any
 * URL.
 */
const INVITEE_PATH = /^\/scheduled_events\/[\w-]{1,64}\/invitees\/[\w-]{1,64}$/;

/** An invitee as the API returns it and the `invitee.created` webhook sends it; its URI is its id. */
export function readCalendlyInvitee(invitee: Record<string, unknown>): ToolDetails | null {
  const uri = str(invitee.uri);
  if (!uri) return null;
  const hasParts = !!(str(invitee.first_name) || str(invitee.last_name));
  const user = pickText({
    email: invitee.email,
    phone: invitee.text_reminder_number,
    first_name: invitee.first_name,
    last_name: invitee.last_name,
    full_name: hasParts ? undefined : invitee.name,
  });
  return { submissionId: uri, eventId: str(obj(invitee.tracking)?.utm_content), submittedAt: timeOf(invitee.created_at), user };
}

export const calendlyApi: ToolApi = {
  defaultBase: 'https://api.calendly.com',
  request(ref, base, token) {
    if (!ref.submissionId) return null;
    let uri: URL;
    try {
      uri = new URL(ref.submissionId);
    } catch {
      return null;
    }
    const api = new URL(base);
    if (uri.origin !== api.origin || uri.search || uri.hash || !INVITEE_PATH.test(uri.pathname.slice(api.pathname.replace(/\/$/, '').length))) return null;
    return { url: uri.href, headers: bearer(token) };
  },
  parse(body, ref) {
    const invitee = obj(obj(body)?.resource);
    return invitee && str(invitee.uri) === ref.submissionId ? readCalendlyInvitee(invitee) : null;
  },
};
