import { badRequest, methodNotAllowed, ok, payloadTooLarge, serviceUnavailable, unauthorized } from '../answers.js';
import { receiveDetails, type ReceiveOutcome } from '../../_pipeline/join/receive.js';
import { isJoinTool } from '../../_pipeline/join/keys.js';
import type { PipelineDeps } from '../../_pipeline/deps.js';
import { readRawText } from '../request-body.js';
import { readWebhook } from '../../_tools/webhook-payload.js';
import { verifyWebhookSignature, type JoinTool } from '../../_tools/webhook-signature.js';

/** Webhook bodies are a few KB; Typeform's carries the form definition too. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;
/** Seconds before the tool should deliver again when the store is down. */
const STORE_DOWN_RETRY_AFTER_SEC = 30;

/** The tool a request is for: the last path segment (`/api/hooks/typeform`), or Vercel's `?tool=` of the dynamic route. */
export function toolOf(request: Request): string | undefined {
  const url = new URL(request.url);
  const segment = /\/hooks\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  return segment && segment !== '[tool]' ? decodeURIComponent(segment) : (url.searchParams.get('tool') ?? undefined);
}

/**
 * POST /api/hooks/<tool>: a form tool's webhook with the visitor's details
 * (docs/form-tools.md §22.2, §22.4). Server to server: no Origin or CORS. The
 * raw body is verified against that tool's secret from env before it is read;
 * unsigned, forged, stale, an unknown tool, or one without a secret → 401 and
 * nothing changes. A signed body that is not the tool's documented shape → 400
 * naming the problem; a trigger that is not a new submission → 200
 * `{ignored}`; otherwise the details join their browser half or are parked
 * for it → 200 `{status}`. A store outage → 503, so the tool delivers again.
 * Nothing of the body is logged.
 */
export async function handleHooks(request: Request, deps: PipelineDeps): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed(['POST']);
  const tool = toolOf(request);
  if (!isJoinTool(tool)) return unauthorized('no webhook is accepted at this path');
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BYTES) return payloadTooLarge(MAX_WEBHOOK_BYTES);
  const body = await readRawText(request, MAX_WEBHOOK_BYTES);
  if (body === 'too_large') return payloadTooLarge(MAX_WEBHOOK_BYTES);

  const check = verifyWebhookSignature(tool, request.headers, body, deps.env.toolSecrets[tool], deps.now());
  if (!check.ok) return unauthorized(signatureMessage(tool, check.problem));

  const read = readWebhook(tool, body);
  if (read.kind === 'invalid') return badRequest('invalid_webhook', [{ path: '', message: read.problem }]);
  if (read.kind === 'ignored') return ok({ ignored: read.reason });

  const { details } = read;
  let outcome: ReceiveOutcome;
  try {
    outcome = await receiveDetails(
      {
        via: tool,
        from: 'webhook',
        submission_id: details.submissionId,
        ...(details.eventId ? { event_id: details.eventId } : {}),
        ...(details.submittedAt !== undefined ? { submitted_at: details.submittedAt } : {}),
        user: details.user,
      },
      deps,
    );
  } catch {
    // A store error carries no key or value (_store/error.ts); the tool retries the delivery.
    return serviceUnavailable(STORE_DOWN_RETRY_AFTER_SEC);
  }
  return ok(answerOf(outcome));
}

/** Why a call is not believed, in words that name no secret. */
function signatureMessage(tool: JoinTool, problem: string): string {
  switch (problem) {
    case 'tool_unsigned':
      return `${tool} does not sign its webhooks: its details come from its API`;
    case 'secret_missing':
      return `no webhook secret is configured for ${tool}`;
    case 'stale':
      return 'the signed timestamp is too old or too new (a replay)';
    default:
      return `the ${tool} webhook signature is missing or does not match`;
  }
}

function answerOf(outcome: ReceiveOutcome): Record<string, unknown> {
  switch (outcome.kind) {
    case 'joined':
      return { status: 'joined', event_id: outcome.event_id, state: outcome.state };
    case 'already_complete':
      return { status: 'already_complete', event_id: outcome.event_id };
    default:
      return { status: outcome.kind };
  }
}
