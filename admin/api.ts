/** The admin API as the page calls it: same origin, bearer token from sessionStorage (never in a URL). */

export const TOKEN_KEY = 'capi-relay:admin-token';

export class Unauthorized extends Error {}

export interface MetaAnswer { status: number | null; outcome: string; code?: number; message?: string; fbtrace_id?: string }
/** One half of a joined event (api/_contract/records.ts JoinHalf). */
export interface JoinHalf { at: number; from: 'widget' | 'webhook' | 'api' | 'identify' }
/** A joined event's state (api/_contract/records.ts JoinState): no PII. */
export interface JoinState {
  via: string; keys: string[]; browser?: JoinHalf; details?: JoinHalf; looks: number; deadline_at: number;
  outcome?: 'joined' | 'fallback_sent' | 'fallback_dropped';
}
export interface LogRow {
  event_id: string; event_name: string; state: string; reason?: string; received_at: number;
  page: string; tool?: string; form?: string; email: string | null; meta?: MetaAnswer; join?: JoinState;
}
export interface LogPage { events: LogRow[]; next_cursor: string | null }
export interface Lever { key: string; share: number; advice?: string }
export interface Summary {
  sender: string; last_24h: Record<string, number>; last_7d: Record<string, number>; sent_7d: number;
  levers: Lever[]; warnings: { code: string; message: string }[];
}
export interface DeadLetter {
  event_id: string; event_name: string; received_at: number; failed_at: number; reason?: string;
  code?: number; subcode?: number; message?: string; fbtrace_id?: string; resendable: boolean;
}
export interface Attempt { at: number; status: number | null; outcome: string; fbtrace_id?: string; error?: { message: string; code?: number; subcode?: number } }
export interface EventDetail {
  event_id: string; event_name: string; state: string; reason?: string; received_at: number; page: string;
  source: { tool?: string; form?: string } | null; arrived: Record<string, unknown> | null; sent: Record<string, unknown> | null;
  attempts: Attempt[]; explanation: string[]; join?: JoinState;
}

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, headers: { authorization: `Bearer ${token() ?? ''}`, 'content-type': 'application/json' }, cache: 'no-store' });
  if (res.status === 401) throw new Unauthorized();
  const body = (await res.json().catch(() => ({}))) as T & { error?: string; message?: string };
  if (!res.ok) throw new Error(body.message ?? body.error ?? `HTTP ${res.status}`);
  return body;
}

export const api = {
  // A search value is personal data: it goes in a POST body, never in a URL (access logs keep URLs).
  log: (query: URLSearchParams) => call<LogPage>('/api/admin/log', { method: 'POST', body: JSON.stringify(Object.fromEntries(query)) }),
  detail: (id: string) => call<{ event: EventDetail }>(`/api/admin/log?id=${encodeURIComponent(id)}`),
  summary: () => call<Summary>('/api/admin/summary'),
  deadLetters: () => call<{ dead_letters: DeadLetter[] }>('/api/admin/dead-letters?limit=20'),
  resend: (id: string) => call<{ state: string }>('/api/admin/resend', { method: 'POST', body: JSON.stringify({ event_id: id }) }),
};
