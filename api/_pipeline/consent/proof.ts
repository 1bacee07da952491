import * as z from 'zod/mini';
import '../zod-messages.js';
import { CONSENT_ID_PATTERN, hashConsentId } from './visitor-hash.js';
import type { Issue } from '../../_contract/wire.js';
import type { ConsentProof } from '../../_contract/records.js';
import type { RequestContext } from '../../_contract/request-context.js';

// The visitor hash and its salt live in visitor-hash.ts, which loads no zod: the runtime and the
// event path use them on every cold start (docs/platform.md §1.13).
export { CONSENT_ID_PATTERN, consentSaltFor, DEV_CONSENT_ID_SALT, hashConsentId } from './visitor-hash.js';

/** Proofs are kept 13 months (brief; docs/consent.md §6.2 leaves the period to us). */
export const PROOF_RETENTION_SEC = 396 * 86_400;

const consentId = z.string().check(z.regex(CONSENT_ID_PATTERN, 'must be the 16–64 character consent id from the widget'));

const proofBodySchema = z.object(
  {
    id: consentId,
    ads: z.enum(['granted', 'denied'], { error: 'must be "granted" or "denied"' }),
    source: z.string().check(z.regex(/^(banner|external|cmp:[a-z-]{2,32})$/, 'must be banner, external or cmp:<platform>')),
    revision: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(32, 'must be at most 32 characters')),
    ts: z.optional(z.number().check(z.int(), z.gte(1e12, 'must be ms since epoch'), z.lte(1e13 - 1, 'must be ms since epoch'))),
    lang: z.optional(z.string().check(z.regex(/^[a-z]{2}$/, 'must be a two-letter language code'))),
    page: z.optional(z.string().check(z.maxLength(2048, 'must be at most 2048 characters'))),
  },
  { error: 'body must be a JSON object' },
);

/** A POST /api/consent body that passed validation. */
export type ProofBody = z.infer<typeof proofBodySchema>;

/** Check a parsed body; every problem is listed. */
export function validateProofBody(body: unknown): { ok: true; body: ProofBody } | { ok: false; issues: Issue[] } {
  const parsed = proofBodySchema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/** Origin + path only: a query string can carry PII (form echoes, email links). */
function pageOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.origin}${url.pathname}` : undefined;
  } catch {
    return undefined;
  }
}

/** Build the stored proof for one validated answer. */
export function buildProof(body: ProofBody, ctx: RequestContext, salt: string, nowMs: number): ConsentProof {
  const page = pageOf(body.page);
  const region = ctx.country ? (ctx.region ? `${ctx.country}-${ctx.region}` : ctx.country) : undefined;
  return {
    visitor: hashConsentId(body.id, salt),
    decision: body.ads,
    source: body.source,
    revision: body.revision,
    ...(body.lang ? { lang: body.lang } : {}),
    received_at: nowMs,
    ...(body.ts ? { answered_at: body.ts } : {}),
    gpc: ctx.secGpc,
    ...(region ? { region } : {}),
    ...(page ? { page } : {}),
  };
}

/** The POST /api/consent body schema, for the OpenAPI document (scripts/openapi.ts). */
export { proofBodySchema };
