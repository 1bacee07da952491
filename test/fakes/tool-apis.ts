import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JoinTool } from '../../api/_tools/webhook-signature.js';

/**
 * The form tools' APIs, as strict as the tools: a wrong token gets 401, and a
 * record is "not there yet" (an empty Typeform page, 404 elsewhere, absent
 * from Jotform's list) for the first `notReadyTimes` asks — the indexing lag
 * the join must ride out (docs/form-tools.md §22.3). Records are written in
 * each tool's own answer shape by the builders below.
 */
export interface FakeToolApis {
  /** base URL for one tool (what the relay's `<TOOL>_API_URL` would be) */
  base(tool: JoinTool): string;
  token: string;
  /** serve `record` for `key` after `notReadyTimes` asks that find nothing */
  put(tool: JoinTool, key: string, record: unknown, notReadyTimes?: number): void;
  /** every request: tool, path + query, and the headers that carry credentials */
  requests: { tool: string; url: string; authorization?: string; apikey?: string; apiVersion?: string }[];
  close(): Promise<void>;
}

interface Entry {
  record: unknown;
  misses: number;
}

export async function startFakeToolApis(token = 'fake-tool-token'): Promise<FakeToolApis> {
  const store = new Map<string, Entry>();
  const requests: FakeToolApis['requests'] = [];
  /** the record for `tool:key` once its lag is over; counts this ask */
  const take = (tool: string, key: string): unknown => {
    const entry = store.get(`${tool}:${key}`);
    if (!entry) return undefined;
    if (entry.misses > 0) {
      entry.misses--;
      return undefined;
    }
    return entry.record;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, tool, ...rest] = url.pathname.split('/');
    const path = '/' + rest.join('/');
    requests.push({
      tool: tool ?? '',
      url: url.pathname + url.search,
      authorization: req.headers.authorization,
      apikey: req.headers.apikey as string | undefined,
      apiVersion: req.headers['cal-api-version'] as string | undefined,
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const credential = tool === 'jotform' ? req.headers.apikey : req.headers.authorization;
    const expected = tool === 'jotform' ? token : `Bearer ${token}`;
    if (credential !== expected) return send(401, { message: 'unauthorized' });
    if (req.method !== 'GET') return send(405, { message: 'method not allowed' });
    let m: RegExpExecArray | null;
    switch (tool) {
      case 'typeform':
        if ((m = /^\/forms\/([^/]+)\/responses$/.exec(path))) {
          const record = take(tool, url.searchParams.get('included_response_ids') ?? '');
          return send(200, { total_items: record ? 1 : 0, page_count: 1, items: record ? [record] : [] });
        }
        break;
      case 'tally':
        if ((m = /^\/forms\/([^/]+)\/submissions\/([^/]+)$/.exec(path))) {
          const record = take(tool, decodeURIComponent(m[2]!));
          return record ? send(200, record) : send(404, { message: 'Submission not found' });
        }
        break;
      case 'jotform':
        if ((m = /^\/form\/([^/]+)\/submissions$/.exec(path))) {
          const ready = [...store.keys()].filter((k) => k.startsWith('jotform:')).map((k) => take('jotform', k.slice(8))).filter(Boolean);
          return send(200, { responseCode: 200, message: 'success', content: ready });
        }
        break;
      case 'fillout':
        if ((m = /^\/v1\/api\/forms\/([^/]+)\/submissions\/([^/]+)$/.exec(path))) {
          const record = take(tool, decodeURIComponent(m[2]!));
          return record ? send(200, { submission: record }) : send(404, { message: 'not found' });
        }
        break;
      case 'calendly':
        if (/^\/scheduled_events\/[^/]+\/invitees\/[^/]+$/.test(path)) {
          const record = take(tool, `${fake.base('calendly')}${path}`);
          return record ? send(200, { resource: record }) : send(404, { title: 'Resource Not Found' });
        }
        break;
      case 'cal-com':
        if ((m = /^\/v2\/bookings\/([^/]+)$/.exec(path))) {
          // Cal.com's v2 endpoints answer 404 without the version header (docs/form-tools.md §19)
          if (!req.headers['cal-api-version']) return send(404, { status: 'error' });
          const record = take(tool, decodeURIComponent(m[1]!));
          return record ? send(200, { status: 'success', data: record }) : send(404, { status: 'error' });
        }
        break;
    }
    send(404, { message: `no such route: ${tool}${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeToolApis = {
    base: (tool) => `${origin}/${tool}`,
    token,
    put: (tool, key, record, notReadyTimes = 0) => void store.set(`${tool}:${key}`, { record, misses: notReadyTimes }),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
