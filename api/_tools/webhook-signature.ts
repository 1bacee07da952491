import { createHmac, timingSafeEqual } from 'node:crypto';

/** The iframe tools whose details the relay joins to the browser half (docs/form-tools.md §22). */
export type JoinTool = 'typeform' | 'tally' | 'jotform' | 'fillout' | 'calendly' | 'cal-com';

/** Why a webhook call is not believed; every one of them is answered 401 and changes nothing. */
export type SignatureProblem =
  /** the tool documents no signature, so nothing it posts can be told from a forgery */
  | 'tool_unsigned'
  /** the site set no secret for this tool */
  | 'secret_missing'
  /** the signature header is absent */
  | 'unsigned'
  /** the header is present but not in the tool's format */
  | 'malformed'
  /** the signature does not match the body */
  | 'forged'
  /** the signed timestamp is outside the tolerance (a replay) */
  | 'stale';

export type SignatureCheck = { ok: true } | { ok: false; problem: SignatureProblem };

/** Calendly signs a timestamp; older or newer than this is a replay (docs/form-tools.md §22.2). */
export const CALENDLY_TOLERANCE_MS = 3 * 60_000;

interface Scheme {
  header: string;
  /** the signature bytes the header claims and the text that was signed, or why there are none */
  read(value: string, body: string, nowMs: number): { claimed: Buffer; signed: string } | 'malformed' | 'stale';
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HEX = /^[0-9a-fA-F]+$/;

/** HMAC-SHA256 of the raw body, base64; Typeform prefixes `sha256=`. */
const typeform: Scheme = {
  header: 'typeform-signature',
  read(value, body) {
    const encoded = value.startsWith('sha256=') ? value.slice(7) : '';
    return BASE64.test(encoded) ? { claimed: Buffer.from(encoded, 'base64'), signed: body } : 'malformed';
  },
};

const tally: Scheme = {
  header: 'tally-signature',
  read: (value, body) => (BASE64.test(value) ? { claimed: Buffer.from(value, 'base64'), signed: body } : 'malformed'),
};

const calCom: Scheme = {
  header: 'x-cal-signature-256',
  read: (value, body) => (HEX.test(value) && value.length % 2 === 0 ? { claimed: Buffer.from(value, 'hex'), signed: body } : 'malformed'),
};

/** `t=<unix seconds>,v1=<hex>` over `<t>.<body>`: the timestamp is signed, so a replay shows. */
const calendly: Scheme = {
  header: 'calendly-webhook-signature',
  read(value, body, nowMs) {
    const parts = new Map(value.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
    const t = parts.get('t');
    const v1 = parts.get('v1');
    if (!t || !/^\d{1,12}$/.test(t) || !v1 || !HEX.test(v1) || v1.length % 2) return 'malformed';
    if (Math.abs(nowMs - Number(t) * 1000) > CALENDLY_TOLERANCE_MS) return 'stale';
    return { claimed: Buffer.from(v1, 'hex'), signed: `${t}.${body}` };
  },
};

/** Jotform and Fillout document no webhook signature: their details come from their APIs only. */
const SCHEMES: Record<JoinTool, Scheme | null> = {
  typeform,
  tally,
  'cal-com': calCom,
  calendly,
  jotform: null,
  fillout: null,
};

/** True when the tool can prove a webhook came from it. */
export function signsWebhooks(tool: JoinTool): boolean {
  return SCHEMES[tool] !== null;
}

/**
 * Check a webhook call against the tool's documented signature over the raw
 * body (docs/form-tools.md §22.2). The body must be the exact bytes received:
 * re-serialised JSON would not match. The comparison is constant-time over
 * equal-length digests.
 */
export function verifyWebhookSignature(tool: JoinTool, headers: Headers, rawBody: string, secret: string | undefined, nowMs: number): SignatureCheck {
  const scheme = SCHEMES[tool];
  if (!scheme) return { ok: false, problem: 'tool_unsigned' };
  if (!secret) return { ok: false, problem: 'secret_missing' };
  const value = headers.get(scheme.header)?.trim();
  if (!value) return { ok: false, problem: 'unsigned' };
  const read = scheme.read(value, rawBody, nowMs);
  if (read === 'malformed' || read === 'stale') return { ok: false, problem: read };
  const expected = createHmac('sha256', secret).update(read.signed).digest();
  const matches = read.claimed.length === expected.length && timingSafeEqual(read.claimed, expected);
  return matches ? { ok: true } : { ok: false, problem: 'forged' };
}
