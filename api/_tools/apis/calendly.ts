import { timeOf } from '../details.js';
import { bearer, obj, str, type ToolApi } from './tool-api.js';

/**
 * The invitee URI the booking page posted. It comes from the browser, so it
 * is fetched only when it is an invitee path on the configured API host:
 * anything else would let a visitor point the relay (and its token) at any
 * URL.
 */
const INVITEE_PATH = /^\/scheduled_events\/[\w-]{1,64}\/invitees\/[\w-]{1,64}$/;

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
    if (!invitee || str(invitee.uri) !== ref.submissionId) return null;
    const user = {
      ...(str(invitee.email) ? { email: str(invitee.email) } : {}),
      ...(str(invitee.text_reminder_number) ? { phone: str(invitee.text_reminder_number) } : {}),
      ...(str(invitee.first_name) ? { first_name: str(invitee.first_name) } : {}),
      ...(str(invitee.last_name) ? { last_name: str(invitee.last_name) } : {}),
      ...(!str(invitee.first_name) && str(invitee.name) ? { full_name: str(invitee.name) } : {}),
    };
    return { submissionId: ref.submissionId!, eventId: str(obj(invitee.tracking)?.utm_content), submittedAt: timeOf(invitee.created_at), user };
  },
};
