import type { SendAttempt } from '../_contract/records.js';

/** Meta error codes worth retrying: downtime and throttling (docs/meta-capi.md §1.4). 368 = temporary block. */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2, 4, 17, 32, 341, 368, 613]);
/** Business Use Case throttling codes 80000–80099 (docs/meta-capi.md §1.4, unconfirmed for /events). */
const isBucThrottle = (code: number) => code >= 80000 && code <= 80099;
/** Meta's messages can be long (and localized); the audit keeps a bounded prefix. */
export const MAX_ERROR_MESSAGE_CHARS = 300;

/** How one answer from the Graph API was read. */
export interface GraphVerdict {
  outcome: SendAttempt['outcome'];
  fbtrace_id?: string;
  error?: NonNullable<SendAttempt['error']>;
}

/**
 * Classify one Graph API answer. `status` null = network error or timeout.
 * The decision uses `error.code` and `is_transient` only, never `type`: throttling
 * also arrives as "OAuthException" (docs/meta-capi.md §1.4). Without a code, a 5xx,
 * 408 or 429 is transient and any other 4xx permanent.
 */
export function classifyGraphAnswer(status: number | null, body: unknown): GraphVerdict {
  const record = isObject(body) ? body : undefined;
  const rawError = record && isObject(record['error']) ? record['error'] : undefined;
  const fbtrace = str(rawError?.['fbtrace_id']) ?? str(record?.['fbtrace_id']);
  const trace = fbtrace ? { fbtrace_id: fbtrace } : {};

  if (status !== null && status >= 200 && status < 300 && !rawError) return { outcome: 'ok', ...trace };
  if (status === null) return { outcome: 'transient', ...trace, error: { message: 'network error or timeout' } };

  const code = num(rawError?.['code']);
  const error: NonNullable<SendAttempt['error']> = {
    message: truncate(str(rawError?.['message']) ?? `HTTP ${status}`),
    ...(code !== undefined ? { code } : {}),
    ...(num(rawError?.['error_subcode']) !== undefined ? { subcode: num(rawError?.['error_subcode']) } : {}),
    ...(str(rawError?.['type']) ? { type: str(rawError?.['type']) } : {}),
    ...(typeof rawError?.['is_transient'] === 'boolean' ? { is_transient: rawError['is_transient'] } : {}),
  };
  return { outcome: isTransient(status, code, rawError?.['is_transient']), ...trace, error };
}

function isTransient(status: number, code: number | undefined, isTransientFlag: unknown): GraphVerdict['outcome'] {
  if (isTransientFlag === true) return 'transient';
  if (code !== undefined) return TRANSIENT_CODES.has(code) || isBucThrottle(code) ? 'transient' : 'permanent';
  return status >= 500 || status === 408 || status === 429 ? 'transient' : 'permanent';
}

function truncate(message: string): string {
  return message.length > MAX_ERROR_MESSAGE_CHARS ? `${message.slice(0, MAX_ERROR_MESSAGE_CHARS - 1)}…` : message;
}
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
