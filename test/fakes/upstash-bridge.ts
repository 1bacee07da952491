import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis as IORedis } from 'ioredis';
import { REDIS_HOST, REDIS_PORT } from '../support/redis.js';

/**
 * A local stand-in for Upstash's REST API (docs/platform.md §4.2, the rules SRH
 * follows) on top of the real Redis at 127.0.0.1:6379, so the Redis store is
 * tested through the real @upstash/redis client against real Redis.
 */
export interface UpstashBridge {
  /** http://127.0.0.1:<ephemeral port> */
  url: string;
  token: string;
  /** HTTP requests received since start or the last reset (auth failures included). */
  readonly requestCount: number;
  /** Paths of those requests, in order ("/", "/pipeline", "/multi-exec"). */
  readonly requestPaths: readonly string[];
  resetRequestCount(): void;
  /** Run the next `n` requests against Redis but cut the connection instead of answering: a lost response. */
  dropResponses(n: number): void;
  close(): Promise<void>;
}

type Command = (string | number)[];
type Reply = { result: unknown } | { error: string };

/** Start a bridge on an ephemeral port. */
export async function startUpstashBridge(options: { token?: string; /** @default REDIS_PORT (the shared test Redis) */ redisPort?: number } = {}): Promise<UpstashBridge> {
  const token = options.token ?? randomBytes(12).toString('hex');
  const redis = new IORedis({ host: REDIS_HOST, port: options.redisPort ?? REDIS_PORT, maxRetriesPerRequest: 1 });
  const paths: string[] = [];
  let responsesToDrop = 0;

  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks).toString('utf8')).then(
        ({ status, body }) => {
          if (responsesToDrop > 0) {
            responsesToDrop -= 1;
            res.socket?.destroy();
            return;
          }
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
        },
      );
    });
  });

  async function handle(req: http.IncomingMessage, text: string): Promise<{ status: number; body: unknown }> {
    if (req.method !== 'POST') return { status: 405, body: { error: 'only POST is supported' } };
    if (req.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { error: 'Unauthorized' } };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { status: 400, body: { error: 'ERR failed to parse the request body as JSON' } };
    }
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const encode = (reply: Reply): Reply => ('result' in reply && base64 ? { result: encodeTop(reply.result) } : reply);
    const path = (req.url ?? '/').split('?')[0];

    if (path === '/' || path === '') {
      if (!isCommand(parsed)) return { status: 400, body: { error: 'ERR the body must be a command array' } };
      const reply = await runOne(parsed);
      return 'error' in reply ? { status: 400, body: reply } : { status: 200, body: encode(reply) };
    }
    if (path === '/pipeline' || path === '/multi-exec') {
      if (!Array.isArray(parsed) || !parsed.every(isCommand)) {
        return { status: 400, body: { error: 'ERR the body must be an array of command arrays' } };
      }
      const replies = path === '/pipeline' ? await runPipeline(parsed) : await runTransaction(parsed);
      return 'error' in replies ? { status: 400, body: replies } : { status: 200, body: replies.map(encode) };
    }
    return { status: 404, body: { error: `ERR unknown path ${path}` } };
  }

  async function runOne([name, ...args]: Command): Promise<Reply> {
    try {
      return { result: await redis.call(String(name), args.map(String)) };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }

  // Not atomic, like Upstash: commands are sent back to back, each with its own reply.
  async function runPipeline(commands: Command[]): Promise<Reply[]> {
    const pipeline = redis.pipeline();
    for (const [name, ...args] of commands) pipeline.call(String(name), ...args.map(String));
    return toReplies((await pipeline.exec()) ?? []);
  }

  // A real MULTI/EXEC on the one connection; a transaction that fails as a whole is one error.
  async function runTransaction(commands: Command[]): Promise<Reply[] | { error: string }> {
    const multi = redis.multi();
    for (const [name, ...args] of commands) multi.call(String(name), ...args.map(String));
    try {
      return toReplies((await multi.exec()) ?? []);
    } catch (error) {
      return { error: messageOf(error) };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    get requestCount() {
      return paths.length;
    },
    get requestPaths() {
      return [...paths];
    },
    resetRequestCount() {
      paths.length = 0;
    },
    dropResponses(n: number) {
      responsesToDrop = n;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.quit();
    },
  };
}

function isCommand(value: unknown): value is Command {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((part) => typeof part === 'string' || typeof part === 'number')
  );
}

function toReplies(results: [Error | null, unknown][]): Reply[] {
  return results.map(([error, result]) => (error ? { error: messageOf(error) } : { result }));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Upstash-Encoding: base64 (docs/platform.md §4.1): strings are base64 except a
// top-level "OK"; numbers and null stay raw; arrays are encoded element-wise.
function encodeTop(value: unknown): unknown {
  return value === 'OK' ? value : encodeValue(value);
}

function encodeValue(value: unknown): unknown {
  if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('base64');
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(encodeValue);
  return value;
}
