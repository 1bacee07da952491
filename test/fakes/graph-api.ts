import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRAPH_API_VERSION } from '../../api/_meta/graph-sender.js';

/** What the fake can be told to do instead of answering normally. */
export type FailureKind = 500 | 503 | 'timeout' | 613 | 17 | 4 | 190 | 100;

/** One request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  /** path + query exactly as received (tests assert the token never appears here) */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** parsed JSON body, or the raw text when it was not JSON */
  body: unknown;
  /** the status the fake answered (undefined for a hung request) */
  status?: number;
}

export interface FakeGraph {
  /** base URL to use as META_GRAPH_URL */
  url: string;
  pixelId: string;
  accessToken: string;
  requests: RecordedRequest[];
  /** the next `n` requests fail with `kind` (queued after earlier failures) */
  fail(n: number, kind: FailureKind): void;
  /** the next `n` requests carrying more than one event fail with `kind`; single-event requests are unaffected */
  failBatches(n: number, kind: FailureKind): void;
  /**
   * Decide per request from its event ids (after the queued failures): a kind fails the
   * request with it, undefined answers normally. Undefined removes the rule (the fault soak's outage and per-event faults).
   */
  setFaultRule(rule: ((eventIds: string[]) => FailureKind | undefined) | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeGraphConfig {
  /** @default "1234567890" */
  pixelId?: string;
  /** @default "fake-graph-token" */
  accessToken?: string;
  /** @default Date.now */
  now?: () => number;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HASHED_KEYS = ['em', 'ph', 'fn', 'ln', 'ct', 'st', 'zp', 'country', 'db', 'ge', 'external_id'];
const FBC = /^fb\.\d\.\d{13}\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?$/;
const SEVEN_DAYS_S = 7 * 86_400;

/**
 * A local stand-in for POST graph.facebook.com/<version>/<pixel>/events that is
 * as strict as Meta on what this project sends (docs/meta-capi.md §1, §2, §3, §10),
 * answers with Meta-shaped bodies, records everything, and can inject failures.
 */
export async function startFakeGraph(config: FakeGraphConfig = {}): Promise<FakeGraph> {
  const pixelId = config.pixelId ?? '1234567890';
  const accessToken = config.accessToken ?? 'fake-graph-token';
  const now = config.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  let failures: FailureKind[] = [];
  let batchFailures: FailureKind[] = [];
  let faultRule: ((eventIds: string[]) => FailureKind | undefined) | undefined;
  let trace = 0;
  const nextTrace = () => `FakeTrace${++trace}`;

  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* recorded as text */
      }
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, body };
      requests.push(recorded);
      const failure = (isBatch(body) && batchFailures.length > 0 ? batchFailures.shift() : failures.shift()) ?? faultRule?.(eventIdsOf(body));
      if (failure === 'timeout') return; // hang until the client gives up (or close())
      const [status, answer] = failure !== undefined ? injected(failure, nextTrace()) : answerFor(recorded, { pixelId, accessToken, nowSec: Math.floor(now() / 1000), trace: nextTrace() });
      recorded.status = status;
      send(res, status, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    pixelId,
    accessToken,
    requests,
    fail(n, kind) {
      for (let i = 0; i < n; i++) failures.push(kind);
    },
    failBatches(n, kind) {
      for (let i = 0; i < n; i++) batchFailures.push(kind);
    },
    setFaultRule(rule) {
      faultRule = rule;
    },
    reset() {
      requests.length = 0;
      failures = [];
      batchFailures = [];
      faultRule = undefined;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function metaError(status: number, code: number, message: string, trace: string, extra: Record<string, unknown> = {}): [number, unknown] {
  return [status, { error: { message, type: 'OAuthException', code, fbtrace_id: trace, ...extra } }];
}

function injected(kind: Exclude<FailureKind, 'timeout'>, trace: string): [number, unknown] {
  switch (kind) {
    case 500:
      return metaError(500, 1, 'An unknown error occurred', trace, { is_transient: true });
    case 503:
      return [503, { error: { message: 'Service temporarily unavailable', code: 2, fbtrace_id: trace, is_transient: true } }];
    case 613:
      return metaError(400, 613, 'Calls to this api have exceeded the rate limit.', trace, { error_subcode: 1487742 });
    case 17:
      return metaError(400, 17, 'User request limit reached', trace, { error_subcode: 2446079, is_transient: true });
    case 4:
      return metaError(400, 4, 'Application request limit reached', trace, { is_transient: true });
    case 190:
      return metaError(400, 190, 'Error validating access token: Session has expired.', trace, { error_subcode: 463 });
    case 100:
      return metaError(400, 100, 'Invalid parameter', trace, { error_subcode: 2804050 });
  }
}

interface Expect {
  pixelId: string;
  accessToken: string;
  nowSec: number;
  trace: string;
}

function answerFor(req: RecordedRequest, x: Expect): [number, unknown] {
  const path = req.url.split('?')[0];
  if (req.method !== 'POST' || path !== `/${GRAPH_API_VERSION}/${x.pixelId}/events`) {
    return metaError(400, 100, `Unsupported request: ${req.method} ${path}`, x.trace, { error_subcode: 33 });
  }
  const body = req.body as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null) return metaError(400, 100, 'Invalid JSON body', x.trace);
  if (body['access_token'] !== x.accessToken) {
    return metaError(401, 190, 'Invalid OAuth access token - Cannot parse access token', x.trace);
  }
  const data = body['data'];
  if (!Array.isArray(data) || data.length < 1 || data.length > 1000) {
    return metaError(400, 100, 'Invalid parameter: data must be an array of 1 to 1000 events', x.trace);
  }
  // One invalid event rejects the whole batch (docs/meta-capi.md §0.7).
  for (const event of data) {
    const problem = eventProblem(event, x.nowSec);
    if (problem) return metaError(400, 100, problem.message, x.trace, problem.subcode ? { error_subcode: problem.subcode } : {});
  }
  return [200, { events_received: data.length, messages: [], fbtrace_id: x.trace }];
}

function eventProblem(event: unknown, nowSec: number): { message: string; subcode?: number } | undefined {
  if (typeof event !== 'object' || event === null) return { message: 'Invalid parameter: event must be an object' };
  const e = event as Record<string, unknown>;
  if (typeof e['event_name'] !== 'string' || e['event_name'] === '') return { message: 'Invalid parameter: event_name is required' };
  if (typeof e['event_id'] !== 'string' || e['event_id'] === '') return { message: 'Invalid parameter: event_id is required' };
  const time = e['event_time'];
  if (typeof time !== 'number' || !Number.isInteger(time)) return { message: 'Invalid parameter: event_time must be an integer' };
  if (time >= 1e11) return { message: 'Invalid parameter: event_time looks like milliseconds' };
  if (time > nowSec + 60) return { message: 'Invalid parameter: event_time is in the future' };
  if (nowSec - time > SEVEN_DAYS_S) return { message: 'Event Timestamp Too Old', subcode: 2804003 };
  if (e['action_source'] !== 'website') return { message: 'Invalid parameter: action_source must be website' };
  if (typeof e['event_source_url'] !== 'string' || !/^https?:\/\//.test(e['event_source_url'])) {
    return { message: 'Invalid parameter: event_source_url is required for website events' };
  }
  const user = e['user_data'];
  if (typeof user !== 'object' || user === null) return { message: 'Invalid parameter: user_data is required' };
  const u = user as Record<string, unknown>;
  if (typeof u['client_user_agent'] !== 'string' || u['client_user_agent'] === '') {
    return { message: 'Invalid parameter: client_user_agent is required for website events' };
  }
  for (const key of HASHED_KEYS) {
    const value = u[key];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string' && HEX64.test(v))) return { message: `Invalid parameter: ${key} must be hashed with SHA-256` };
  }
  if (u['fbc'] !== undefined && (typeof u['fbc'] !== 'string' || !FBC.test(u['fbc']))) {
    return { message: 'Invalid parameter: fbc is malformed (never hash fbc)' };
  }
  return undefined;
}

function eventIdsOf(body: unknown): string[] {
  const data = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['data'] : undefined;
  if (!Array.isArray(data)) return [];
  return data.flatMap((e) => (typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)['event_id'] === 'string' ? [(e as Record<string, string>)['event_id']!] : []));
}

function isBatch(body: unknown): boolean {
  const data = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['data'] : undefined;
  return Array.isArray(data) && data.length > 1;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
