import { createFirstAttemptCoalescer, MAX_BATCH_BYTES, type SharedAttempt } from './first-attempt-coalescer.js';
import { classifyGraphAnswer } from './classify-answer.js';
import { nodeTransport, type GraphTransport } from './transport.js';
import { DEFAULT_RETRY_POLICY, REAL_CLOCK, runWithRetry, type RetryClock, type RetryPolicy } from './retry.js';
import type { Sender, SendResult } from './sender.js';
import type { CapiServerEvent, SendAttempt } from '../_contract/records.js';

/** The one pinned Graph API version (docs/meta-capi.md §6: newest confirmed, supported ≥ 2 years). */
export const GRAPH_API_VERSION = 'v26.0';

/** How to reach Meta. */
export interface GraphSenderConfig {
  /** base URL without trailing slash. @default "https://graph.facebook.com" (via env) */
  graphUrl: string;
  pixelId: string;
  /** sent in the JSON body only: never in a URL, never stored, never logged */
  accessToken: string;
  testEventCode?: string;
  /** @default DEFAULT_RETRY_POLICY */
  policy?: RetryPolicy;
  /** @default REAL_CLOCK */
  clock?: RetryClock;
  /** how the POST is made. @default nodeTransport (node:https, keep-alive) */
  transport?: GraphTransport;
  /** first-attempt requests out at once (first-attempt-coalescer.ts). @default MAX_REQUESTS_IN_FLIGHT */
  maxRequestsInFlight?: number;
}

type AttemptRecord = SendAttempt & { retryAfterMs?: number };

/** A live sender: POST /{version}/{pixel}/events with bounded, classified retries. */
export function createGraphSender(config: GraphSenderConfig): Sender {
  const url = `${config.graphUrl}/${GRAPH_API_VERSION}/${encodeURIComponent(config.pixelId)}/events`;
  const policy = config.policy ?? DEFAULT_RETRY_POLICY;
  const clock = config.clock ?? REAL_CLOCK;
  const transport = config.transport ?? nodeTransport;

  // Events are serialized once and joined into `data`, so a coalesced body costs no second stringify.
  const tail = `]${config.testEventCode ? `,"test_event_code":${JSON.stringify(config.testEventCode)}` : ''},"access_token":${JSON.stringify(config.accessToken)}}`;
  const bodyFor = (events: readonly string[]) => `{"data":[${events.join(',')}${tail}`;

  async function attemptOnce(events: readonly string[], timeoutMs: number): Promise<AttemptRecord> {
    const at = clock.now();
    const body = bodyFor(events);
    let status: number | null = null;
    let parsed: unknown;
    let retryAfterMs: number | undefined;
    let timedOut = false;
    try {
      const answer = await transport(url, body, timeoutMs);
      status = answer.status;
      parsed = answer.body;
      retryAfterMs = parseRetryAfter(answer.retryAfter, Date.now());
    } catch (error) {
      // network error or timeout; the error itself is not kept (it can quote the request)
      timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    }
    const verdict = classifyGraphAnswer(status, parsed);
    if (status === null && timedOut && verdict.error) verdict.error.message = `timeout after ${timeoutMs} ms`;
    // field by field, no spreads: every event's first attempt passes here
    const report: AttemptRecord = { at, duration_ms: clock.now() - at, status, outcome: verdict.outcome };
    if (verdict.fbtrace_id) report.fbtrace_id = verdict.fbtrace_id;
    if (verdict.error) report.error = verdict.error;
    if (retryAfterMs !== undefined) report.retryAfterMs = retryAfterMs;
    return report;
  }

  // Only first attempts are coalesced; retries stay individual and simple.
  const firstAttempts = createFirstAttemptCoalescer(attemptOnce, {
    maxBytes: MAX_BATCH_BYTES - Buffer.byteLength(bodyFor([])),
    maxInFlight: config.maxRequestsInFlight,
  });

  return {
    kind: 'live',
    async send(event) {
      // written once per send: every attempt, coalesced or alone, posts this same text
      const json = JSON.stringify(event);
      let isFirst = true;
      const reports = await runWithRetry((timeoutMs) => {
        if (!isFirst) return attemptOnce([json], timeoutMs);
        isFirst = false;
        return firstAttempts.submit(json, timeoutMs).then(ownAttempt);
      }, policy, clock);
      return summarize(reports);
    },
  };
}

/**
 * One event's view of the request that carried its first attempt. Alone, the answer is its own.
 * In a batch, a 200 sent every event in it; any other answer decides none of them (one invalid
 * event rejects the whole batch, docs/meta-capi.md §0.7), so it is recorded as transient and each
 * event goes on alone through its retry loop: the batch counts as its first attempt, so the
 * budget and the number of requests per event stay what they were without coalescing.
 */
function ownAttempt({ report, batchSize }: SharedAttempt<AttemptRecord>): AttemptRecord {
  if (batchSize === 1) return report;
  const own: AttemptRecord = { ...report, batch_size: batchSize };
  if (report.error) own.error = { ...report.error };
  if (report.outcome !== 'ok') own.outcome = 'transient';
  return own;
}

function summarize(reports: AttemptRecord[]): SendResult {
  const attempts = reports.map(withoutRetryAfter);
  const last = reports[reports.length - 1];
  if (last?.outcome === 'ok') return { state: 'sent', attempts };
  if (last?.outcome === 'permanent') {
    return { state: 'failed', attempts, reason: last.error?.code !== undefined ? `meta_error_${last.error.code}` : `http_${last.status}` };
  }
  return {
    state: 'pending',
    attempts,
    reason: 'retry_budget_exhausted',
    ...(last?.retryAfterMs !== undefined ? { retryAfterMs: last.retryAfterMs } : {}),
  };
}

/** The attempt as the audit trail keeps it: retryAfterMs steers the retry loop only. */
function withoutRetryAfter(report: AttemptRecord): SendAttempt {
  if (!('retryAfterMs' in report)) return report;
  // rest destructuring costs ~3 µs in V8 11; this path only runs for throttled attempts
  const { retryAfterMs: _drop, ...attempt } = report;
  return attempt;
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3) → ms; undefined when absent or invalid. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
